/** @jest-environment node */
// `perfscope backtest` against a local stand-in for Prometheus: the range is read in chunks within Prometheus'
// points limit, with progress on stderr, and every mistake names its flag. The counts against real samples are
// tested in tests/prometheus/backtest.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defaultProfile, MAX_POINTS } from '../scoring';
import { runCli } from '../testing/cli';

let server: Server;
let url: string;
const asked: Array<{ query: string; points: number }> = [];

beforeAll(async () => {
  // Every range query answers one series for service "svc": an error ratio of 0.002 (2x the default budget's
  // burn), which the indicators read as their value too.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const p = new URLSearchParams(body);
      const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(p.get(k)));
      const points = Math.floor((end - start) / step) + 1;
      asked.push({ query: p.get('query') ?? '', points });
      const values = Array.from({ length: points }, (_, k) => [start + k * step, '0.002']);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'success',
          // A query for the service "nobody" matches no series.
          data: {
            resultType: 'matrix',
            result: p.get('query')?.includes('nobody') ? [] : [{ metric: { service: 'svc' }, values }],
          },
        })
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => (asked.length = 0));

const at = '2026-01-31T00:00:00Z';

describe('perfscope backtest', () => {
  it("reads a range past Prometheus' points limit in chunks, one after the other, reporting progress", async () => {
    const r = await runCli([
      'backtest',
      '--prometheus',
      url,
      '--profile',
      'testdata/profiles/tight.json',
      '--range',
      '10d',
      '--step',
      '1m',
      '--at',
      at,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const steps = 10 * 1440 + 1;
    expect(Math.max(...asked.map((a) => a.points))).toBeLessThanOrEqual(MAX_POINTS);
    const errorRatioPoints = asked.filter((a) => a.query.includes('[1h]') && a.query.startsWith('(sum by (service)'));
    expect(errorRatioPoints.reduce((n, a) => n + a.points, 0)).toBe(2 * steps); // both profiles' 1h window
    expect(r.stderr.split('\n').filter((l) => l.includes('%'))).toEqual([
      'perfscope: backtest: NEW testdata/profiles/tight.json: 50 % (2 chunk(s) of 14401 steps)',
      'perfscope: backtest: NEW testdata/profiles/tight.json: 100 % (2 chunk(s) of 14401 steps)',
      'perfscope: backtest: CURRENT (built-in profile): 50 % (2 chunk(s) of 14401 steps)',
      'perfscope: backtest: CURRENT (built-in profile): 100 % (2 chunk(s) of 14401 steps)',
    ]);
    const report = JSON.parse(r.stdout);
    expect(report.range).toMatchObject({ steps, chunks: 2, stepSeconds: 60, rateInterval: '5m' });
    // 2x burns past tight.json's slow-burn factor (2.4 is not), past the default's slow-drain (1): one episode each, all range long.
    const tier = (side: string, name: string) =>
      report.services[0][side].rules.find((x: { watch: { tier?: string } }) => x.watch.tier === name);
    expect(tier('new', 'slow-drain')).toMatchObject({ fired: 1, totalSeconds: steps * 60, open: true });
    expect(tier('new', 'slow-burn')).toMatchObject({ fired: 0, totalSeconds: 0 });
    expect(tier('against', 'slow-drain')).toMatchObject({ fired: 1, open: true });
  });

  it('defaults to 30 days at a 15-minute step and a 30-minute rate interval, and prints both profiles side by side', async () => {
    const r = await runCli(['backtest', '--prometheus', url, '--profile', 'testdata/profiles/tight.json', '--at', at]);
    expect(r.code).toBe(0);
    expect(asked.every((a) => a.points === 2881)).toBe(true);
    expect(r.stdout).toContain('Back-test over the 30d to 2026-01-31T00:00:00Z, every 15m (2881 steps)');
    expect(r.stdout).toMatch(
      /PerfScopeBurnRateSlowDrain \(info, for 0s\) +1 \/ 43215m \/ 43215m \(open\) +1 \/ 43215m/
    );
  });

  it('says "not a rule" where one profile has a rule the other has not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfscope-backtest-'));
    try {
      const draft = defaultProfile();
      draft.sla.burnRateTiers[0].enabled = false; // fast-burn
      writeFileSync(join(dir, 'draft.json'), JSON.stringify(draft));
      const r = await runCli([
        'backtest',
        '--prometheus',
        url,
        '--profile',
        join(dir, 'draft.json'),
        '--range',
        '1d',
        '--at',
        at,
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/PerfScopeBurnRateFastBurn \(critical, for 0s\) +not a rule +0 \/ 0m \/ 0m/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 when neither profile has data for the services asked for, naming --service', async () => {
    const r = await runCli([
      'backtest',
      '--prometheus',
      url,
      '--profile',
      'testdata/profiles/tight.json',
      '--service',
      'nobody',
      '--at',
      at,
    ]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain(
      `neither profile's queries return data for --service "nobody" over the --range 30d to 2026-01-31T00:00:00Z at ${url}`
    );
  });

  it.each([
    [['--profile', 'testdata/profiles/tight.json'], '--prometheus URL is required'],
    [['--prometheus', 'URL'], '--profile FILE is required'],
    [
      ['--prometheus', 'URL', '--profile', 'testdata/profiles/tight.json', '--against', 'nope.json'],
      '--against nope.json',
    ],
    [['--prometheus', 'URL', '--profile', 'testdata/profiles/tight.json', '--range', 'soon'], '--range must be'],
    [
      ['--prometheus', 'URL', '--profile', 'testdata/profiles/tight.json', '--range', '1h', '--step', '2h'],
      '--step 2h is longer than --range 1h',
    ],
    [
      ['--prometheus', 'URL', '--profile', 'testdata/profiles/tight.json', '--range', '365d', '--step', '15s'],
      'give a longer --step or a shorter --range',
    ],
    [
      ['--prometheus', 'URL', '--profile', 'testdata/profiles/tight.json', '--rate-interval', 'x'],
      '--rate-interval must be',
    ],
  ])('refuses %j naming the flag', async (args, message) => {
    const r = await runCli(['backtest', ...args.map((a) => (a === 'URL' ? url : a))]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(message)]);
    expect(asked).toHaveLength(0);
  });
});
