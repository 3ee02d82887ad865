/** @jest-environment node */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defaultProfile } from '../scoring';
import type { Command } from './command';
import { main } from './main';
import { runCli } from '../testing/cli';

const dir = mkdtempSync(join(tmpdir(), 'perfscope-cli-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const degraded = {
  indicators: { latency_p95: 0.35, error_rate: 0.25, cpu: 75, memory: 85, availability: 99.75 },
  domains: { strategic_reporting: 1, compliance_evaluation: 3.2 },
  sla: {
    errorRatio: {
      '5m': 0.0025,
      '30m': 0.0025,
      '1h': 0.0025,
      '2h': 0.0025,
      '6h': 0.0025,
      '1d': 0.0025,
      '3d': 0.0025,
      period: 0.0025,
    },
  },
};

describe('perfscope profile', () => {
  it('prints the default profile as JSON', async () => {
    const r = await runCli(['profile', '--default']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(defaultProfile());
  });

  it('validates a file: exit 0 when valid, every problem and exit 2 when not', async () => {
    expect(await runCli(['profile', '--validate', file('ok.json', defaultProfile())])).toMatchObject({ code: 0 });
    const bad = defaultProfile();
    bad.indicators[2].warning = 95;
    bad.indicators[1].query = 'sum(rate(x[5m])';
    const path = file('bad.json', bad);
    const r = await runCli(['profile', '--validate', path]);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')).toEqual([
      `${path}: indicators[1].query is not valid PromQL: unexpected end of query`,
      `${path}: indicators[2].warning must lie between target and critical`,
    ]);
    expect(r.stderr).toBe(`perfscope profile: 2 problems in ${path}`);
  });

  it('names the flag for unreadable and malformed files', async () => {
    expect(await runCli(['profile', '--validate', join(dir, 'missing.json')])).toMatchObject({
      code: 2,
      stderr: `perfscope profile: --validate ${join(dir, 'missing.json')}: cannot read the file (no such file)`,
    });
    const r = await runCli(['profile', '--validate', file('broken.json', '{"indicators": [')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--validate .*broken\.json: not valid JSON/);
    expect(await runCli(['profile'])).toMatchObject({
      code: 2,
      stderr: 'perfscope profile: give exactly one of --default and --validate FILE',
    });
  });
});

describe('perfscope score', () => {
  it('prints the JSON report with full precision and passes the default gate', async () => {
    const r = await runCli(['score', '--values', file('degraded.json', degraded), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual([
      'score',
      'band',
      'cappedBy',
      'indicators',
      'domains',
      'system',
      'sla',
      'missing',
    ]);
    expect(report).toMatchObject({ score: 85, band: 'info', cappedBy: 'latency_p95', missing: [] });
    expect(report.indicators[1]).toEqual({
      id: 'error_rate',
      name: 'Error rate',
      unit: 'percent',
      value: 0.25,
      subScore: 88.75,
      band: 'info',
      weight: 0.3,
      key: true,
      pointsLost: 0.3 * 11.25,
    });
    expect(report.domains).toEqual([
      { name: 'compliance_evaluation', overhead: 3.2, band: 'warning' },
      { name: 'strategic_reporting', overhead: 1, band: 'ok' },
    ]);
    expect(report.system.band).toBe('ok');
    expect(report.sla.availability).toBeCloseTo(99.75, 12);
    expect(report.sla.budgetRemaining).toBeCloseTo(-1.5, 9);
    expect(report.sla.tiers.map((t: { name: string; firing: boolean }) => [t.name, t.firing])).toEqual([
      ['fast-burn', false],
      ['slow-burn', false],
      ['budget-drain', false],
      ['slow-drain', true],
    ]);
  });

  it('prints an aligned table without --json', async () => {
    const r = await runCli(['score', '--values', file('degraded.json', degraded)]);
    expect(r.stdout).toContain('health score 85.0 info  (capped by key indicator latency_p95)');
    expect(r.stdout).toContain('latency_p95 *  350.0 ms  85.0       info  0.30    4.50');
    expect(r.stdout).toContain('slow-drain      3d / 6h   2.50 / 2.50  1.00    info      FIRING');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('fails a key indicator without a value unless missing data is allowed, and warns about the others', async () => {
    const values = { ...degraded, indicators: { ...degraded.indicators, latency_p95: null, cpu: undefined } };
    const path = file('gaps.json', values);
    const r = await runCli(['score', '--values', path, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).missing.map((m: { indicator: string; key: boolean }) => [m.indicator, m.key])).toEqual([
      ['latency_p95', true],
      ['cpu', false],
    ]);
    expect(r.stderr.split('\n')).toEqual([
      `perfscope: warning: indicator cpu has no data: no value in --values ${path}`,
      `perfscope: unhealthy: key indicator latency_p95 has no data: indicators.latency_p95: no value in --values ${path}`,
    ]);
    const allowed = await runCli(['score', '--values', path, '--allow-missing']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('perfscope: warning: key indicator latency_p95 has no data');
  });

  it('exits 1 below --min-score or when a key indicator is critical, and says why', async () => {
    const path = file('degraded.json', degraded);
    expect(await runCli(['score', '--values', path, '--min-score', '90'])).toMatchObject({
      code: 1,
      stderr: 'perfscope: unhealthy: score 85.0 is below --min-score 90',
    });
    const critical = file('critical.json', { indicators: { ...degraded.indicators, error_rate: 1.2 } });
    const r = await runCli(['score', '--values', critical, '--min-score', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('perfscope: unhealthy: key indicator error_rate critical');
    expect(await runCli(['score', '--values', file('empty.json', {})])).toMatchObject({ code: 1 });
  });

  it('uses --profile and refuses an invalid one with every problem', async () => {
    const strict = defaultProfile();
    strict.indicators[0].target = 0.1;
    strict.indicators[0].warning = 0.2;
    strict.indicators[0].critical = 0.3;
    const r = await runCli([
      'score',
      '--values',
      file('d.json', degraded),
      '--profile',
      file('strict.json', strict),
      '--json',
    ]);
    // 0.35 s against 0.1 / 0.2 / 0.3: 50 - 20 * 0.05 / 0.1 = 40, the cap.
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).score).toBeCloseTo(40, 9);
    const bad = { ...strict, aggregation: 'mean', sla: { ...strict.sla, period: '30 days' } };
    const invalid = await runCli([
      'score',
      '--values',
      file('d.json', degraded),
      '--profile',
      file('invalid.json', bad),
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr.split('\n')).toEqual([
      `perfscope score: --profile ${join(dir, 'invalid.json')}: the profile has 2 problems`,
      '  aggregation must be "weighted" or "worst"',
      '  sla.period must be "month" or a positive duration such as "5m", "1h30m" or "7d", at most 10y',
    ]);
  });

  it('names the field of a bad values file', async () => {
    const cases: Array<[unknown, string]> = [
      [{ indicators: { cpu: '75' } }, 'indicators.cpu must be a number or null'],
      [{ indicators: { cpuu: 75 } }, 'indicators.cpuu is not an indicator of the profile'],
      [{ sla: { errorRatio: [] } }, 'sla.errorRatio must be an object'],
      [[1], 'must be a JSON object'],
    ];
    for (const [values, message] of cases) {
      const r = await runCli(['score', '--values', file('v.json', values)]);
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(message)]);
    }
  });
});

describe('perfscope', () => {
  it('reports usage mistakes with exit 2, naming the flag', async () => {
    expect(await runCli(['score'])).toMatchObject({ code: 2, stderr: 'perfscope score: --values FILE is required' });
    expect(await runCli(['score', '--values'])).toMatchObject({
      code: 2,
      stderr: 'perfscope score: --values needs a value (FILE)',
    });
    expect(await runCli(['score', '--valus', 'x'])).toMatchObject({
      code: 2,
      stderr: 'perfscope score: unknown flag --valus (see perfscope score --help)',
    });
    expect(await runCli(['score', '--values', 'a', '--min-score', 'high'])).toMatchObject({ code: 2 });
    expect(await runCli(['check', '--prometheus', 'ftp://x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--prometheus must be an http:// or https:// URL'),
    });
    expect(await runCli(['check', '--prometheus', 'http://x', '--at', 'yesterday'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--at must be an RFC 3339 time'),
    });
    expect(await runCli(['check', '--prometheus', 'http://x', '--range', '1 hour'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--range must be a positive duration'),
    });
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli([])).code).toBe(2);
  });

  it('prints help for the tool and each command', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/profile .*\n.*score .*\n.*check /);
    const r = await runCli(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--min-score N');
  });

  it('runs a command added to the registry, and turns a crash into one line with exit 2', async () => {
    const hello: Command = {
      name: 'hello',
      summary: 'greets',
      usage: 'perfscope hello',
      flags: [],
      run: async (_f, io) => (io.out('hi'), 0),
    };
    const crash: Command = {
      ...hello,
      name: 'crash',
      run: async () => {
        throw new Error('boom');
      },
    };
    const out: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: (t: string) => out.push(t),
      colour: false,
      env: {},
      now: Date.now,
    };
    expect(await main(['hello'], io, [hello, crash])).toBe(0);
    expect(await main(['crash'], io, [hello, crash])).toBe(2);
    expect(out).toEqual(['hi', 'perfscope crash: internal error: boom']);
  });
});
