/** @jest-environment node */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defaultProfile } from '../scoring';
import { runCli } from '../testing/cli';
import { DASHBOARD_DIR } from '../testing/dashboards';

// `perfscope dashboards`: the generator's dashboards written into a directory, each file whole or not at all.

const root = join(__dirname, '../..');
const DEFAULT = join(root, 'testdata/profiles/default.json');
const FILES = ['development.json', 'executive.json', 'operations.json'];

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'perfscope-dashboards-cli-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const profileAt = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

it('writes the three dashboards of the profile, each as dashboards/ holds it for the default profile', async () => {
  const out = join(dir, 'out');
  mkdirSync(out);
  const r = await runCli(['dashboards', '--profile', DEFAULT, '--out', out]);
  expect(r).toEqual({
    code: 0,
    stdout: '',
    stderr: ['executive', 'operations', 'development']
      .map((key) => `perfscope dashboards: wrote ${join(out, `${key}.json`)}`)
      .join('\n'),
  });
  expect(readdirSync(out).sort()).toEqual(FILES);
  for (const f of FILES) {
    expect([f, readFileSync(join(out, f), 'utf8') === readFileSync(join(DASHBOARD_DIR, f), 'utf8')]).toEqual([f, true]);
  }
});

it('points the dashboards at the datasource uids of the flags', async () => {
  const r = await runCli([
    'dashboards',
    '--profile',
    DEFAULT,
    '--out',
    dir,
    '--prometheus-uid',
    'prom-2',
    '--perfscope-uid=ps_2',
  ]);
  expect(r.code).toBe(0);
  const operations = JSON.parse(readFileSync(join(dir, 'operations.json'), 'utf8'));
  expect(
    operations.templating.list
      .filter((v: { type: string }) => v.type === 'datasource')
      .map((v: { current: { value: string } }) => v.current.value)
  ).toEqual(['prom-2', 'ps_2']);
});

it('follows the profile it is given', async () => {
  const profile = defaultProfile();
  profile.serviceLabel = 'app';
  profile.sla.period = '14d';
  const r = await runCli(['dashboards', '--profile', profileAt('app.json', profile), '--out', dir]);
  expect(r.code).toBe(0);
  const text = readFileSync(join(dir, 'executive.json'), 'utf8');
  expect(text).toContain('window=~\\"14d|30m\\"');
  expect(text).toContain('label_values(http_requests_total, app)');
});

it('names the flag of every bad input, with exit 2 and nothing written', async () => {
  const file = profileAt('file.txt', 'not a directory');
  const invalid = defaultProfile() as unknown as Record<string, unknown>;
  invalid.serviceLabel = 'not a label';
  const unusable = defaultProfile();
  unusable.domains.domainLatencyQuery += ' offset 1h';
  const cases: Array<[string[], RegExp]> = [
    [['--out', dir], /^perfscope dashboards: --profile FILE is required$/],
    [['--profile', DEFAULT], /^perfscope dashboards: --out DIR is required$/],
    [['--profile', DEFAULT, '--out', join(dir, 'missing')], /: --out .*missing: no such directory$/],
    [['--profile', DEFAULT, '--out', file], /: --out .*file\.txt: not a directory$/],
    [
      ['--profile', join(dir, 'none.json'), '--out', dir],
      /: --profile .*none\.json: cannot read the file \(no such file\)$/,
    ],
    [['--profile', profileAt('bad.json', '{'), '--out', dir], /: --profile .*bad\.json: not valid JSON/],
    [
      ['--profile', profileAt('invalid.json', invalid), '--out', dir],
      /: --profile .*invalid\.json: the profile has 1 problem\n  serviceLabel/,
    ],
    [
      ['--profile', profileAt('offset.json', unusable), '--out', dir],
      /: --profile .*offset\.json: domains\.domainLatencyQuery already has an offset/,
    ],
    [
      ['--profile', DEFAULT, '--out', dir, '--prometheus-uid', 'a b'],
      /: --prometheus-uid must be a Grafana uid \(letters, digits, "-" and "_", 40 at most\), not "a b"$/,
    ],
    [
      ['--profile', DEFAULT, '--out', dir, '--perfscope-uid', 'x'.repeat(41)],
      /: --perfscope-uid must be a Grafana uid/,
    ],
    [
      ['--profile', DEFAULT, '--out', dir, '--format', 'yaml'],
      /: unknown flag --format \(see perfscope dashboards --help\)$/,
    ],
    [['--profile', DEFAULT, '--out'], /: --out needs a value \(DIR\)$/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['dashboards', ...args]);
    expect([args, r.code, r.stdout]).toEqual([args, 2, '']);
    expect([args, r.stderr]).toEqual([args, expect.stringMatching(message)]);
  }
  expect(readdirSync(dir).filter((f) => f.endsWith('.json') && FILES.includes(f))).toEqual([]);
});

it('writes each file whole or not at all, leaving no temporary file when one cannot be written', async () => {
  writeFileSync(join(dir, 'executive.json'), 'old');
  // A directory where operations.json goes: it is not a regular file, so it is left alone.
  mkdirSync(join(dir, 'operations.json'));
  writeFileSync(join(dir, 'operations.json', 'keep'), '');
  const r = await runCli(['dashboards', '--profile', DEFAULT, '--out', dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(
    /^perfscope dashboards: wrote .*executive\.json\nperfscope dashboards: --out .*operations\.json: a directory, not a regular file; PerfScope writes only regular files$/
  );
  expect(readFileSync(join(dir, 'executive.json'), 'utf8')).toBe(
    readFileSync(join(DASHBOARD_DIR, 'executive.json'), 'utf8')
  );
  expect(readdirSync(dir).sort()).toEqual(['executive.json', 'operations.json']);
  expect(readdirSync(join(dir, 'operations.json'))).toEqual(['keep']);
});

it('explains itself with --help, and is listed by perfscope --help', async () => {
  const help = await runCli(['dashboards', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(
    /^usage: perfscope dashboards --profile FILE --out DIR \[--prometheus-uid UID\] \[--perfscope-uid UID\]\n/
  );
  for (const flag of ['--profile FILE', '--out DIR', '--prometheus-uid UID', '--perfscope-uid UID']) {
    expect(help.stdout).toContain(flag);
  }
  expect((await runCli(['--help'])).stdout).toMatch(
    /^ {2}dashboards +write the executive, operations and development dashboards for a profile$/m
  );
});
