import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  buildGrafanaAlertRules,
  buildPrometheusRules,
  DEFAULT_TARGETS,
  RECORDED,
  rawSignals,
  recordedSignals,
  type GrafanaAlertRule,
  type PrometheusAlertingRule,
} from '../../src/alerting';
import { formulas, periodWindow, tierWindows } from '../../src/alerting/signals';
import { defaultProfile, type Profile } from '../../src/scoring';
import { fixtureUrl, instant, startRecordedPrometheus, type RecordedPrometheus, type Sample } from './recorded';

// Every alert query, Grafana's and Prometheus's, run against the fixture scenarios at their evaluation time:
// the values are those of testdata/scenarios/expected.json, and each scenario fires exactly the alerts its
// story calls for (the `for` durations aside: the fixture has held each state long enough).

interface ScenarioValues {
  indicators: Record<string, number>;
  domainOverhead: Record<string, number>;
  systemOverhead: number;
  dbPoolPercent: number;
  memoryGrowthBytesPerDay: number;
  baseline: { latencyP95ChangePercent: number };
}
interface Scenario {
  service: string;
  values: ScenarioValues;
  expect: {
    score: number;
    subScores: Record<string, number>;
    sla: {
      errorRatio: Record<string, number>;
      burnRates: Record<string, number>;
      availability: number;
      budgetRemaining: number;
    };
  };
}
const expected: { evalUnix: number; scenarios: Record<string, Scenario> } = JSON.parse(
  readFileSync(join(__dirname, '../../testdata/scenarios/expected.json'), 'utf8')
);
const at = expected.evalUnix;
const scenarios = Object.values(expected.scenarios);
const profile = defaultProfile();
const tiers = Object.fromEntries(profile.sla.burnRateTiers.map((t) => [t.name, t]));

const FIRING: Record<string, string[]> = {
  healthy: [],
  degraded: [
    'perfscope-health-score-info',
    'perfscope-burn-rate-slow-drain',
    'perfscope-db-pool-warning',
    'perfscope-memory-growth-info',
  ],
  incident: [
    'perfscope-latency-p95-critical',
    'perfscope-latency-p95-warning',
    'perfscope-error-rate-critical',
    'perfscope-error-rate-warning',
    'perfscope-cpu-critical',
    'perfscope-cpu-warning',
    'perfscope-memory-critical',
    'perfscope-memory-warning',
    'perfscope-health-score-critical',
    'perfscope-health-score-warning',
    'perfscope-health-score-info',
    'perfscope-burn-rate-fast-burn',
    'perfscope-db-pool-warning',
    'perfscope-latency-regression-info',
  ],
  'domain-overhead': [
    'perfscope-system-overhead-critical',
    'perfscope-domain-overhead-warning/compliance_evaluation',
    'perfscope-domain-overhead-warning/quality_validation',
    'perfscope-latency-regression-info',
  ],
  'budget-burn': ['perfscope-health-score-info', 'perfscope-burn-rate-budget-drain', 'perfscope-burn-rate-slow-drain'],
};

/** What expected.json says query `refId` of a rule returns for a scenario, keyed by instance (service/domain). */
function expectedValues(rule: GrafanaAlertRule, refId: string, s: Scenario): Record<string, number> {
  const v = s.values;
  const one = (x: number) => ({ [`${s.service}/`]: x });
  if (refId === 'T') {
    return one(v.indicators.throughput);
  }
  const tier = rule.labels.tier && tiers[rule.labels.tier];
  if (tier) {
    return one(s.expect.sla.burnRates[refId === 'A' ? tier.longWindow : tier.shortWindow]);
  }
  if (rule.labels.indicator) {
    return one(v.indicators[rule.labels.indicator]);
  }
  const byUid: Record<string, () => Record<string, number>> = {
    'perfscope-health-score': () => one(s.expect.score),
    'perfscope-system-overhead': () => one(v.systemOverhead),
    'perfscope-domain-overhead': () =>
      Object.fromEntries(Object.entries(v.domainOverhead).map(([d, x]) => [`${s.service}/${d}`, x])),
    'perfscope-db-pool': () => one(v.dbPoolPercent),
    'perfscope-latency-regression': () => one(v.baseline.latencyP95ChangePercent),
    'perfscope-memory-growth': () => one(v.memoryGrowthBytesPerDay),
  };
  const kind = Object.keys(byUid).find((k) => rule.uid.startsWith(k))!;
  return byUid[kind]();
}

const key = (labels: Record<string, string>) => `${labels.service}/${labels.domain ?? ''}`;
const byInstance = (samples: Sample[]) => new Map(samples.map((x) => [key(x.labels), x.value]));

/** Grafana's condition on the instant values: a threshold on A, or `$X op n && ...` joined by service. */
function firing(rule: GrafanaAlertRule, values: Record<string, Map<string, number>>): string[] {
  const condition = rule.data.find((d) => d.refId === rule.condition)!.model;
  const compare = (x: number | undefined, op: string, n: number) =>
    x !== undefined && (op === '>' ? x > n : op === '<' ? x < n : x >= n);
  const parts =
    condition.type === 'threshold'
      ? [
          (() => {
            const e = (condition.conditions as Array<{ evaluator: { type: string; params: number[] } }>)[0].evaluator;
            return { ref: 'A', op: e.type === 'gt' ? '>' : '<', n: e.params[0] };
          })(),
        ]
      : String(condition.expression)
          .split(' && ')
          .map((p) => {
            const [, ref, op, n] = /^\$(\w+) (>=|>|<) (\S+)$/.exec(p)!;
            return { ref, op, n: Number(n) };
          });
  return [...values.A.keys()].filter((instance) =>
    parts.every(({ ref, op, n }) => {
      const v = values[ref].get(instance) ?? values[ref].get(`${instance.split('/')[0]}/`);
      return compare(v, op, n);
    })
  );
}

const grafanaRules = buildGrafanaAlertRules(profile, DEFAULT_TARGETS);
const grafanaFiring = new Map<string, string[]>();

describe('Grafana-managed rules against the fixture Prometheus', () => {
  it.each(grafanaRules.map((r) => [r.uid, r] as const))(
    '%s: every query gives the expected values',
    async (_uid, rule) => {
      const values: Record<string, Map<string, number>> = {};
      for (const q of rule.data.filter((d) => d.datasourceUid !== '__expr__')) {
        values[q.refId] = byInstance(await instant(fixtureUrl(), String(q.model.expr), at));
        for (const s of scenarios) {
          for (const [instance, want] of Object.entries(expectedValues(rule, q.refId, s))) {
            expect([q.refId, instance, values[q.refId].get(instance)]).toEqual([
              q.refId,
              instance,
              expect.closeTo(want, 6),
            ]);
          }
        }
      }
      grafanaFiring.set(rule.uid, firing(rule, values));
    }
  );

  it.each(Object.keys(FIRING))('%s fires exactly the alerts of its story', (name) => {
    const service = expected.scenarios[name].service;
    const fired = grafanaRules.flatMap((r) =>
      (grafanaFiring.get(r.uid) ?? [])
        .filter((instance) => instance.startsWith(`${service}/`))
        .map((instance) => (instance.endsWith('/') ? r.uid : `${r.uid}/${instance.split('/')[1]}`))
    );
    expect(fired.sort()).toEqual([...FIRING[name]].sort());
  });
});

describe('the Prometheus rule file against the fixture data, recording rules backfilled', () => {
  const file = buildPrometheusRules(profile);
  let prometheus: RecordedPrometheus;
  beforeAll(async () => {
    prometheus = await startRecordedPrometheus(file, at - 3 * 3600, at + 60);
  }, 120_000);
  afterAll(() => prometheus?.stop());

  const recorded = async (query: string) => byInstance(await instant(prometheus.url, query, at));

  it.each(scenarios.map((s) => [s.service, s] as const))(
    '%s: the recorded health score is the expected one',
    async (service, s) => {
      expect((await recorded('perfscope:health_score')).get(`${service}/`)).toBeCloseTo(s.expect.score, 9);
    }
  );

  // Rules run at their group's own offset, so a recorded sample is up to one interval older than the fixture's
  // evaluation time: each is compared with its raw formula at the sample's own time.
  it.each(twins(profile))('%s is its raw formula at every service', async (series, raw) => {
    const stamps = [...new Set((await instant(prometheus.url, `timestamp(${series})`, at)).map((x) => x.value))];
    expect(stamps.length).toBeGreaterThan(0);
    for (const t of stamps) {
      const got = byInstance(await instant(prometheus.url, `${series} and timestamp(${series}) == ${t}`, t));
      const want = byInstance(await instant(prometheus.url, raw, t));
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [instance, value] of got) {
        expect([instance, value]).toEqual([instance, expect.closeTo(want.get(instance)!, 9)]);
      }
    }
  });

  it('every alerting rule fires for the same services as its Grafana twin', async () => {
    const alerts = file.groups.flatMap((g) => g.rules).filter((r): r is PrometheusAlertingRule => 'alert' in r);
    expect(alerts).toHaveLength(grafanaRules.length);
    for (const a of alerts) {
      const twin = grafanaRules.find(
        (g) => g.annotations.summary === a.annotations.summary && g.labels.severity === a.labels.severity
      )!;
      const fired = [...(await recorded(a.expr)).keys()].sort();
      expect([a.alert, fired]).toEqual([a.alert, [...(grafanaFiring.get(twin.uid) ?? [])].sort()]);
    }
  });
});

/** Every recorded series of the rule file with the raw PromQL it stands for. */
function twins(p: Profile): Array<[string, string]> {
  const raw = rawSignals(p, { rateWindow: '5m' });
  const rec = recordedSignals();
  const enabled = p.indicators.filter((ind) => ind.enabled);
  const period = periodWindow(p);
  const pairs: Array<[string, string]> = [
    ...enabled.flatMap((ind): Array<[string, string]> => [
      [rec.value(ind), raw.value(ind)],
      [rec.subScore(ind), raw.subScore(ind)],
    ]),
    [rec.health(), raw.health()],
    ...['5m', '30m', '2h', '6h'].map((w): [string, string] => [rec.requestsPerSecond(w), raw.requestsPerSecond(w)]),
    ...tierWindows(p).flatMap((w): Array<[string, string]> => [
      [rec.errorRatio(w), raw.errorRatio(w)],
      [rec.burnRate(w), raw.burnRate(w)],
    ]),
    [rec.domainOverhead(), raw.domainOverhead()],
    [rec.systemOverhead(), raw.systemOverhead()],
    [rec.dbPoolPercent(), raw.dbPoolPercent()],
    [rec.latencyRegression(), raw.latencyRegression()],
    [rec.memoryGrowthPerDay(), raw.memoryGrowthPerDay()],
    [`${RECORDED.availability}{window="${period}"}`, formulas.availability(raw.errorRatio(period))],
    [`${RECORDED.budgetRemaining}{window="${period}"}`, formulas.budgetRemaining(raw.errorRatio(period), p.sla.target)],
    [rec.latencyCompliance(period), raw.latencyCompliance(period)],
  ];
  return pairs;
}
