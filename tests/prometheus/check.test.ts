// `perfscope check` (the built CLI, as a child process) against the fixture Prometheus: every scenario gives
// the score, bands, overheads and burn-rate tiers of testdata/scenarios/expected.json.
import { readFileSync } from 'fs';
import { join } from 'path';

import { defaultProfile } from '../../src/scoring';
import { perfscope, profileFile } from '../helpers/cli';
import { fixtureUrl as url } from '../helpers/fixturePrometheus';

interface Expect {
  indicators: Record<string, number>;
  subScores: Record<string, number>;
  score: number;
  band: string;
  cappedBy: string | null;
  domains: Record<string, { overhead: number; band: string }>;
  system: { overhead: number; band: string };
  sla: { availability: number; budgetRemaining: number; burnRates: Record<string, number>; tiersFiring: string[] };
}
interface Scenario {
  service: string;
  expect: Expect;
  values: { breaches: Record<string, { resolved: Array<{ start: number; end: number }>; open: number | null }> };
}
const expected: { evalTime: string; evalUnix: number; scenarios: Record<string, Scenario> } = JSON.parse(
  readFileSync(join(__dirname, '../../testdata/scenarios/expected.json'), 'utf8')
);

const check = (...args: string[]) => perfscope('check', '--prometheus', url(), '--at', expected.evalTime, ...args);

describe.each(Object.entries(expected.scenarios))('perfscope check --service %s', (_name, scenario) => {
  const x = scenario.expect;

  it('gives the expected score, bands, overheads, burn rates, tiers and exit code', async () => {
    const r = await check('--service', scenario.service, '--json');
    const report = JSON.parse(r.stdout);
    const healthy =
      x.score >= 70 && !report.indicators.some((i: { key: boolean; id: string }) => i.key && x.subScores[i.id] < 50);
    expect([r.code, r.stderr]).toEqual([healthy ? 0 : 1, expect.any(String)]);

    expect(report.service).toBe(scenario.service);
    expect(report.score).toBeCloseTo(x.score, 9);
    expect([report.band, report.cappedBy]).toEqual([x.band, x.cappedBy]);
    for (const ind of report.indicators) {
      expect([ind.id, ind.value]).toEqual([ind.id, expect.closeTo(x.indicators[ind.id], 9)]);
      expect([ind.id, ind.subScore]).toEqual([ind.id, expect.closeTo(x.subScores[ind.id], 9)]);
    }
    expect(report.indicators.map((i: { id: string }) => i.id).sort()).toEqual(Object.keys(x.subScores).sort());

    const domains = Object.fromEntries(
      report.domains.map((d: { name: string; overhead: number; band: string }) => [d.name, d])
    );
    expect(Object.keys(domains).sort()).toEqual(Object.keys(x.domains).sort());
    for (const [name, d] of Object.entries(x.domains)) {
      expect([name, domains[name].overhead, domains[name].band]).toEqual([name, expect.closeTo(d.overhead, 9), d.band]);
    }
    expect(report.system).toEqual({ overhead: expect.closeTo(x.system.overhead, 9), band: x.system.band });

    expect(report.sla.availability).toBeCloseTo(x.sla.availability, 9);
    expect(report.sla.budgetRemaining).toBeCloseTo(x.sla.budgetRemaining, 9);
    for (const [window, rate] of Object.entries(x.sla.burnRates)) {
      expect([window, report.sla.burnRates[window]]).toEqual([window, expect.closeTo(rate, 9)]);
    }
    const firing = report.sla.tiers.filter((t: { firing: boolean }) => t.firing).map((t: { name: string }) => t.name);
    expect(firing).toEqual(x.sla.tiersFiring);
  });

  it('finds the breach intervals of the last 12 hours, resolved and open', async () => {
    // --min-score 0: only a critical key indicator breaches; in these scenarios latency and errors fail together.
    const r = await check(
      '--service',
      scenario.service,
      '--range',
      '12h',
      '--step',
      '1m',
      '--min-score',
      '0',
      '--json'
    );
    const { breaches } = JSON.parse(r.stdout).range;
    const want = scenario.values.breaches['error_rate > 1'];
    expect(breaches.resolved.map((b: { start: number; end: number }) => ({ start: b.start, end: b.end }))).toEqual(
      want.resolved
    );
    expect(breaches.open?.start ?? null).toBe(want.open);
    const lengths = want.resolved.map((b) => b.end - b.start + 60);
    expect(breaches.mttrSeconds).toBe(lengths.length ? lengths.reduce((a, b) => a + b) / lengths.length : null);
    expect(breaches.mttrTargetSeconds).toBe(300);
    expect(r.code).toBe(want.resolved.length || want.open !== null ? 1 : 0);
  });
});

describe('perfscope check, every service', () => {
  it('reports each service and gates on the worst', async () => {
    const r = await check('--json');
    const { services, ...worst } = JSON.parse(r.stdout);
    expect(services.map((s: { service: string }) => s.service)).toEqual(Object.keys(expected.scenarios).sort());
    // The top level is the worst service's report, so a pipeline can read .score and .band as with --service.
    expect(worst).toEqual(services.find((s: { service: string }) => s.service === 'incident'));
    expect(worst).toMatchObject({
      score: expect.closeTo(expected.scenarios.incident.expect.score, 9),
      band: 'critical',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('perfscope: unhealthy: incident: score 10.0 is below --min-score 70');
  });

  it('prints a readable table', async () => {
    const r = await check('--service', 'degraded');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('service degraded: health score 85.0 info  (capped by key indicator latency_p95)');
    expect(r.stdout).toMatch(/slow-drain +3d \/ 6h +2\.50 \/ 2\.50 +1\.00 +info +FIRING/);
    expect(r.stdout).toMatch(/latency SLO compliance \d+\.\d\d % \(target 95 %, (met|missed)\)/);
  });

  // A step where no indicator that makes up the score has data is missing data, which never passes the gate.
  it('counts steps without a score as breaches over a range, unless missing data is allowed', async () => {
    const profile = defaultProfile();
    const half = expected.evalUnix - 1800;
    profile.indicators = profile.indicators.map((ind) =>
      ind.id === 'latency_p95'
        ? { ...ind, key: false, query: `(${ind.query}) and on () (vector(time()) > ${half})` }
        : { ...ind, enabled: false }
    );
    const file = profileFile(profile);
    try {
      const args = ['--service', 'healthy', '--profile', file.path, '--range', '1h', '--step', '1m', '--json'];
      const strict = await check(...args);
      expect(strict.code).toBe(1);
      const { breaches, points, scoredPoints } = JSON.parse(strict.stdout).range;
      expect(scoredPoints).toBeLessThan(points);
      expect(breaches.open).toBeNull();
      expect(breaches.resolved).toHaveLength(1);
      expect(breaches.resolved[0].end).toBeLessThanOrEqual(half);
      const allowed = await check(...args, '--allow-missing');
      expect(allowed.code).toBe(0);
    } finally {
      file.cleanup();
    }
  });

  it('exits 2 naming --service when it matches nothing', async () => {
    const r = await check('--service', 'no-such-service');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--service "no-such-service" matches no service');
  });
});
