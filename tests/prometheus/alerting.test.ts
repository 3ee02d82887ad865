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
import { rulePeriodWindow, tierWindows } from '../../src/alerting/signals';
import { formulas } from '../../src/scoring/promql';
import { defaultProfile, type Profile } from '../../src/scoring';
import { fixtureUrl, storedDigits } from '../helpers/fixturePrometheus';
import { instant, startRecordedPrometheus, type RecordedPrometheus, type Sample } from '../helpers/recordedPrometheus';

// Every alert rule against the fixture scenarios at their evaluation time. Grafana's PromQL queries give the
// values of testdata/scenarios/expected.json, and its rules made of PromQL fire what testdata/alerts/firing.json
// says (the `for` durations aside: the fixture has held each state long enough). Its rules on the PerfScope
// datasource run through the plugin in pkg/plugin/alert_rules_test.go against the same list. The Prometheus
// rule file, recording rules backfilled, fires that list too.

interface ScenarioValues {
  indicators: Record<string, number>;
  dbPoolPercent: number;
  memoryGrowthBytesPerDay: number;
  baseline: { latencyP95ChangePercent: number };
}
interface Scenario {
  service: string;
  values: ScenarioValues;
  expect: { score: number };
}
const root = join(__dirname, '../..');
const expected: { evalUnix: number; scenarios: Record<string, Scenario> } = JSON.parse(
  readFileSync(join(root, 'testdata/scenarios/expected.json'), 'utf8')
);
const FIRING: Record<string, string[]> = JSON.parse(
  readFileSync(join(root, 'testdata/alerts/firing.json'), 'utf8')
).firing;
const at = expected.evalUnix;
const scenarios = Object.values(expected.scenarios);
const profile = defaultProfile();

/** The instances (service/ or service/domain) firing.json expects of a rule. */
const expectedInstances = (uid: string) =>
  Object.entries(FIRING).flatMap(([name, alerts]) =>
    alerts
      .filter((a) => a.split('/')[0] === uid)
      .map((a) => `${expected.scenarios[name].service}/${a.split('/')[1] ?? ''}`)
  );

const NO_DATA_UID = 'perfscope-key-indicator-no-data';

/** What expected.json says PromQL query `refId` of a rule returns for a scenario, keyed by service/. */
function expectedValues(rule: GrafanaAlertRule, refId: string, s: Scenario): Record<string, number> {
  const v = s.values;
  const one = (x: number) => ({ [`${s.service}/`]: x });
  if (refId === 'T') {
    return one(v.indicators.throughput);
  }
  if (rule.uid === NO_DATA_UID) {
    return {}; // every scenario has every key indicator: the query's emptiness is checked on its own
  }
  if (rule.labels.indicator) {
    return one(v.indicators[rule.labels.indicator]);
  }
  const byUid: Record<string, () => Record<string, number>> = {
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
const isPromQL = (q: GrafanaAlertRule['data'][number]) => q.datasourceUid === DEFAULT_TARGETS.prometheusUid;
const promqlRules = grafanaRules.filter((r) => r.data.every((q) => isPromQL(q) || q.datasourceUid === '__expr__'));
const grafanaFiring = new Map<string, string[]>();

it('firing.json names rules that exist, and the rules not made of PromQL are on the PerfScope datasource', () => {
  const uids = grafanaRules.map((r) => r.uid);
  for (const alert of Object.values(FIRING).flat()) {
    expect(uids).toContain(alert.split('/')[0]);
  }
  for (const r of grafanaRules.filter((rule) => !promqlRules.includes(rule))) {
    expect(r.data.map((q) => q.datasourceUid)).toContain(DEFAULT_TARGETS.perfscopeUid);
  }
  expect(promqlRules.length).toBeGreaterThan(10);
});

describe('Grafana-managed rules against the fixture Prometheus', () => {
  it.each(grafanaRules.map((r) => [r.uid, r] as const))(
    '%s: every PromQL query gives the expected values',
    async (_uid, rule) => {
      const values: Record<string, Map<string, number>> = {};
      for (const q of rule.data.filter(isPromQL)) {
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
      if (rule.uid === NO_DATA_UID) {
        expect([...values.A.keys()]).toEqual([]);
      }
      if (promqlRules.includes(rule)) {
        grafanaFiring.set(rule.uid, firing(rule, values));
      }
    }
  );

  it.each(Object.keys(FIRING))('%s fires exactly the PromQL alerts of its story', (name) => {
    const service = expected.scenarios[name].service;
    const uids = new Set(promqlRules.map((r) => r.uid));
    const fired = promqlRules.flatMap((r) =>
      (grafanaFiring.get(r.uid) ?? [])
        .filter((instance) => instance.startsWith(`${service}/`))
        .map((instance) => (instance.endsWith('/') ? r.uid : `${r.uid}/${instance.split('/')[1]}`))
    );
    expect(fired.sort()).toEqual(FIRING[name].filter((a) => uids.has(a.split('/')[0])).sort());
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
        const w = want.get(instance)!;
        expect([instance, value]).toEqual([instance, expect.closeTo(w, storedDigits(w))]);
      }
    }
  });

  it('every alerting rule fires for the services firing.json gives its Grafana twin', async () => {
    const alerts = file.groups.flatMap((g) => g.rules).filter((r): r is PrometheusAlertingRule => 'alert' in r);
    expect(alerts).toHaveLength(grafanaRules.length);
    for (const a of alerts) {
      const twin = grafanaRules.find(
        (g) => g.annotations.summary === a.annotations.summary && g.labels.severity === a.labels.severity
      )!;
      const fired = [...(await recorded(a.expr)).keys()].sort();
      expect([a.alert, fired]).toEqual([a.alert, expectedInstances(twin.uid).sort()]);
    }
  });
});

/** Every recorded series of the rule file with the raw PromQL it stands for. */
function twins(p: Profile): Array<[string, string]> {
  const raw = rawSignals(p, { rateWindow: '5m' });
  const rec = recordedSignals();
  const enabled = p.indicators.filter((ind) => ind.enabled);
  const period = rulePeriodWindow(p);
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
    [rec.budgetSpent(), raw.budgetSpent()],
    ...p.sla.budgetPolicy.windows.map((w): [string, string] => [rec.exhaustionSeconds(w), raw.exhaustionSeconds(w)]),
    [rec.policyState(), raw.policyState()],
  ];
  return pairs;
}
