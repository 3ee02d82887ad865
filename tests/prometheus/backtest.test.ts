// `perfscope backtest` (the built CLI) against the fixture Prometheus: the tighter profile and the default one
// fire each indicator and burn-tier rule as often, as long in total and as long at most as expected.json's
// backtest section says (computed from the scenarios' samples by tools/fixtures).
import { readFileSync } from 'fs';
import { join } from 'path';

import { perfscope } from '../helpers/cli';
import { fixtureUrl as url } from '../helpers/fixturePrometheus';

interface Count {
  fired: number;
  totalMinutes: number;
  longestMinutes: number;
  open: boolean;
  orIfTied?: Count;
}
interface Backtest {
  endUnix: number;
  range: string;
  step: string;
  rateInterval: string;
  profiles: Record<string, string>;
  services: Record<string, Record<string, Record<string, Count>>>;
}
interface RuleJson {
  watch: { kind: string; tier?: string; indicator?: string };
  severity: string;
  fired: number;
  totalSeconds: number;
  longestSeconds: number;
  open: boolean;
}
type ResultJson = { rules: RuleJson[]; lowestScore: number | null } | undefined;

const backtest: Backtest = JSON.parse(
  readFileSync(join(__dirname, '../../testdata/scenarios/expected.json'), 'utf8')
).backtest;

/** The expectations' key of a rule: "tier:NAME" or "INDICATOR:SEVERITY". */
const key = (r: RuleJson) => (r.watch.kind === 'tier' ? `tier:${r.watch.tier}` : `${r.watch.indicator}:${r.severity}`);
const count = (r: RuleJson): Count => ({
  fired: r.fired,
  totalMinutes: r.totalSeconds / 60,
  longestMinutes: r.longestSeconds / 60,
  open: r.open,
});

let report: {
  range: { steps: number; chunks: number };
  services: Array<{ service: string; new: ResultJson; against: ResultJson }>;
};
let stderr: string;

beforeAll(async () => {
  const r = await perfscope(
    'backtest',
    '--prometheus',
    url(),
    '--profile',
    backtest.profiles.tight,
    '--against',
    backtest.profiles.default,
    '--range',
    backtest.range,
    '--step',
    backtest.step,
    '--rate-interval',
    backtest.rateInterval,
    '--at',
    String(backtest.endUnix),
    '--json'
  );
  expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('100 %')]);
  report = JSON.parse(r.stdout);
  stderr = r.stderr;
}, 120_000);

describe.each(Object.entries(backtest.services))('perfscope backtest, service %s', (service, profiles) => {
  it.each([
    ['tight', 'new'],
    ['default', 'against'],
  ] as const)('the %s profile fires each rule as expected.json says', (profile, side) => {
    const result = report.services.find((s) => s.service === service)?.[side];
    expect(result).toBeDefined();
    const got = Object.fromEntries(
      result!.rules.filter((r) => r.watch.kind === 'tier' || r.watch.kind === 'indicator').map((r) => [key(r), r])
    );
    for (const [rule, want] of Object.entries(profiles[profile])) {
      // Where a step lies on a threshold, Prometheus' rounding picks one of the two outcomes.
      const outcomes = [strip(want), ...(want.orIfTied ? [want.orIfTied] : [])].map((c) => ({ rule, ...c }));
      expect(outcomes).toContainEqual({ rule, ...(got[rule] && count(got[rule])) });
    }
    expect(Object.keys(got).sort()).toEqual(Object.keys(profiles[profile]).sort());
  });
});

const strip = ({ orIfTied: _, ...c }: Count): Count => c;

it('reads the 30 days in one chunk of 2,881 steps and says which rules it cannot replay', () => {
  expect(report.range).toMatchObject({ steps: 2881, chunks: 1 });
  expect(stderr).toContain('not replayed');
  expect(stderr).toContain('PerfScopeSystemOverheadCritical');
});

it('the tighter profile fires more than the default one', () => {
  const fired = (side: 'new' | 'against') =>
    report.services.flatMap((s) => s[side]?.rules ?? []).reduce((n, r) => n + r.fired, 0);
  expect(fired('new')).toBeGreaterThan(fired('against'));
});

it("replays the check gate: never failing the healthy service, failing the incident's spells", () => {
  const gate = (service: string, side: 'new' | 'against') =>
    report.services.find((s) => s.service === service)?.[side]?.rules.find((r) => r.watch.kind === 'gate');
  for (const side of ['new', 'against'] as const) {
    expect([side, gate('healthy', side)?.fired]).toEqual([side, 0]);
    expect([side, gate('incident', side)?.fired]).toEqual([side, 3]);
  }
});
