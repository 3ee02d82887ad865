import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildPrometheusRules } from '../../src/alerting';
import {
  countQueries,
  datasourceOf,
  interpolate,
  loadDashboards,
  panelsOf,
  PERFSCOPE,
  PROMETHEUS,
  type Json,
  type Target,
} from '../../src/testing/dashboards';
import { defaultProfile } from '../../src/scoring';
import { instant, startRecordedPrometheus, type RecordedPrometheus, type Sample } from '../helpers/recordedPrometheus';

// Every query of the provisioned dashboards, run against the fixture scenarios (with PerfScope's recording
// rules backfilled) as Grafana would send it for each service: every panel shows data for every scenario,
// and the panels meant for a scenario show its expected values.

interface Scenario {
  service: string;
  values: Json & {
    indicators: Record<string, number>;
    deployedVersion: string;
    domainErrorPercent: Record<string, number>;
    domainErrorsPerSecond: Record<string, number>;
    errorRatio: Record<string, number>;
  };
  expect: { sla: { availability: number } };
}
const expected: { evalUnix: number; scenarios: Record<string, Scenario> } = JSON.parse(
  readFileSync(join(__dirname, '../../testdata/scenarios/expected.json'), 'utf8')
);
const at = expected.evalUnix;
const scenarios = Object.values(expected.scenarios);
const profile = defaultProfile();
const dashboards = loadDashboards();

/** What Grafana fills in, for one service over the hour before the evaluation time. */
const variables = (service: string) => ({
  service,
  domain: '.*',
  slo_window: '30d',
  __rate_interval: '5m',
  __interval: '1m',
  __range: '1h',
});

/** The Prometheus queries of a target: its own, or those the PerfScope datasource sends for it (pkg/plugin). */
function promql(target: Target, type: string | undefined): string[] {
  if (type === PROMETHEUS) {
    return [target.expr!];
  }
  const enabled = profile.indicators.filter((i) => i.enabled);
  const d = profile.domains;
  const byType: Record<string, string[]> = {
    health: enabled.map((i) => i.query),
    domainOverhead: d.mode === 'share' ? [d.domainTimeQuery, d.totalTimeQuery] : [d.domainLatencyQuery],
  };
  expect(type).toBe(PERFSCOPE);
  return byType[target.queryType ?? 'health'];
}

const queries = dashboards.flatMap((d) =>
  panelsOf(d.json).flatMap((p) =>
    (p.targets ?? []).flatMap((t) =>
      promql(t, datasourceOf(p, t).type).map((expr) => ({ dashboard: d.json.uid, panel: p, target: t, expr }))
    )
  )
);

let prometheus: RecordedPrometheus;
beforeAll(async () => {
  prometheus = await startRecordedPrometheus(buildPrometheusRules(profile), at - 3 * 3600, at + 60);
}, 120_000);
afterAll(() => prometheus?.stop());

async function range(query: string): Promise<Sample[]> {
  const params = new URLSearchParams({ query, start: String(at - 3600), end: String(at), step: '60' });
  const body = await (await fetch(`${prometheus.url}/api/v1/query_range?${params}`)).json();
  if (body.status !== 'success') {
    throw new Error(`${query}: ${body.error}`);
  }
  return body.data.result.map((r: { metric: Record<string, string>; values: Array<[number, string]> }) => ({
    labels: r.metric,
    value: Number(r.values[r.values.length - 1][1]),
  }));
}

it.each(dashboards.map((d) => [d.json.uid, d.json] as const))(
  '%s: every Prometheus query one load sends runs here',
  (uid, json) => {
    // The panels' queries run below, the query variables and the Prometheus annotations in their own tests.
    const variables = (json.templating as { list: Json[] }).list.filter((v) => v.type === 'query').length;
    const annotations = (json.annotations as { list: Json[] }).list.filter(
      (a) => a.enable && (a.datasource as Json).type === PROMETHEUS && (a.target as Json | undefined)?.expr
    ).length;
    const panels = queries.filter((q) => q.dashboard === uid).length;
    expect(panels).toBeGreaterThan(0);
    expect(panels + variables + annotations).toBe(countQueries(json, profile).total);
  }
);

it.each(queries.map((q) => [`${q.dashboard} panel ${q.panel.id} ${q.target.refId}`, q] as const))(
  '%s shows data for every scenario',
  async (_name, q) => {
    for (const s of scenarios) {
      const expr = interpolate(q.expr, variables(s.service));
      const samples = q.target.instant ? await instant(prometheus.url, expr, at) : await range(expr);
      expect([s.service, samples.length > 0]).toEqual([s.service, true]);
      expect(samples.every((x) => x.labels.service === s.service)).toBe(true);
    }
  }
);

it.each(dashboards.map((d) => [d.json.uid, d.json] as const))(
  '%s: the variables list every service and domain',
  async (_uid, json) => {
    for (const v of (json.templating as { list: Json[] }).list.filter((x) => x.type === 'query')) {
      const [, match, label] = /^label_values\((.*), (\w+)\)$/.exec(String((v.query as Json).query))!;
      const params = new URLSearchParams({
        'match[]': interpolate(match, variables('.*')),
        start: String(at - 3600),
        end: String(at),
      });
      const body = await (await fetch(`${prometheus.url}/api/v1/label/${label}/values?${params}`)).json();
      const want =
        label === 'service'
          ? scenarios.map((s) => s.service)
          : [
              'compliance_evaluation',
              'quality_validation',
              'strategic_reporting',
              'system_complexity',
              'workflow_optimization',
            ];
      expect(body.data.sort()).toEqual(want.sort());
    }
  }
);

it("marks each service's running version as a deployment on the development dashboard", async () => {
  const annotation = (
    dashboards.find((d) => d.json.uid === 'perfscope-development')!.json.annotations as { list: Json[] }
  ).list.find((a) => a.name === 'Deployments')!;
  for (const s of scenarios) {
    const samples = await range(interpolate(String((annotation.target as Json).expr), variables(s.service)));
    expect(samples.map((x) => x.labels.version)).toEqual([s.values.deployedVersion]);
    expect(samples[0].value).toBeLessThan(at * 1000);
  }
});

/** A panel's query evaluated at the fixture's time, for one scenario: value per instance. */
async function panelValue(dashboard: string, panelId: number, refId: string, scenario: string) {
  const q = queries.find((x) => x.dashboard === dashboard && x.panel.id === panelId && x.target.refId === refId)!;
  const samples = await instant(
    prometheus.url,
    interpolate(q.expr, variables(expected.scenarios[scenario].service)),
    at
  );
  return Object.fromEntries(
    samples.map((x) => [
      [x.labels.indicator, x.labels.domain, x.labels.route].filter(Boolean).join('/') || 'service',
      x.value,
    ])
  );
}

describe('panels show what their scenario is about', () => {
  it('executive health score: the indicator values of each scenario', async () => {
    for (const [name, s] of Object.entries(expected.scenarios)) {
      const values = await panelValue('perfscope-executive', 1, 'A', name);
      for (const id of ['latency_p95', 'error_rate', 'cpu', 'memory']) {
        expect([name, id, values[id]]).toEqual([name, id, expect.closeTo(s.values.indicators[id], 6)]);
      }
    }
  });

  it('executive availability over 30 days (recorded every 2 minutes)', async () => {
    for (const [name, s] of Object.entries(expected.scenarios)) {
      expect((await panelValue('perfscope-executive', 8, 'A', name)).service).toBeCloseTo(s.expect.sla.availability, 3);
    }
  });

  it('operations: the incident breaks latency, errors, CPU, memory and the database pool', async () => {
    expect((await panelValue('perfscope-operations', 2, 'B', 'incident')).service).toBeCloseTo(1.5, 9);
    expect((await panelValue('perfscope-operations', 5, 'A', 'incident')).service).toBeCloseTo(2, 9);
    expect((await panelValue('perfscope-operations', 6, 'A', 'incident')).service).toBeCloseTo(92, 9);
    expect((await panelValue('perfscope-operations', 7, 'A', 'incident')).service).toBeCloseTo(96, 9);
    expect((await panelValue('perfscope-operations', 10, 'A', 'incident')).service).toBeCloseTo(95, 9);
    expect((await panelValue('perfscope-operations', 12, 'A', 'degraded')).service).toBeCloseTo(0.7, 9);
    // Over the 30-day SLO window, budget-burn's errors spend the budget at 0.8x.
    expect((await panelValue('perfscope-operations', 14, 'A', 'budget-burn')).service).toBeCloseTo(0.8, 9);
  });

  it('development: the 2.1.0 deployment made requests 25 % slower and two domains slower than a week ago', async () => {
    expect((await panelValue('perfscope-development', 5, 'A', 'domain-overhead')).service).toBeCloseTo(25, 6);
    expect((await panelValue('perfscope-development', 5, 'A', 'healthy')).service).toBeCloseTo(0, 6);
    const domains = await panelValue('perfscope-development', 7, 'A', 'domain-overhead');
    expect(domains.quality_validation).toBeCloseTo(50, 6);
    expect(domains.strategic_reporting).toBeCloseTo(25, 6);
    expect(domains.compliance_evaluation).toBeCloseTo(0, 6);
  });

  it('development: the degraded service leaks 6 MB a day', async () => {
    expect((await panelValue('perfscope-development', 8, 'A', 'degraded')).service).toBeCloseTo(6e6, 0);
    expect((await panelValue('perfscope-development', 8, 'A', 'healthy')).service).toBeCloseTo(0, 3);
  });

  it('development and operations: the errors of each domain, the incident failing in compliance evaluation', async () => {
    for (const [name, s] of Object.entries(expected.scenarios)) {
      const percent = await panelValue('perfscope-development', 11, 'A', name);
      const perSecond = await panelValue('perfscope-operations', 15, 'A', name);
      for (const [domain, want] of Object.entries(s.values.domainErrorPercent)) {
        expect([name, domain, percent[domain]]).toEqual([name, domain, expect.closeTo(want, 9)]);
        expect([name, domain, perSecond[domain]]).toEqual([
          name,
          domain,
          expect.closeTo(s.values.domainErrorsPerSecond[domain], 9),
        ]);
      }
    }
    const incident = await panelValue('perfscope-development', 11, 'A', 'incident');
    expect(incident.compliance_evaluation).toBeCloseTo(8, 9);
    expect(incident.quality_validation).toBeCloseTo(2, 9);
    expect((await panelValue('perfscope-development', 11, 'A', 'budget-burn')).quality_validation).toBeCloseTo(1.5, 9);
  });

  it("development: each endpoint's share of the error budget burn over the SLO window adds up to the service's", async () => {
    for (const [name, s] of Object.entries(expected.scenarios)) {
      const routes = await panelValue('perfscope-development', 12, 'A', name);
      const burn = s.values.errorRatio['30d'] / (1 - 99.9 / 100);
      expect([name, Object.values(routes).reduce((a, b) => a + b, 0)]).toEqual([name, expect.closeTo(burn, 9)]);
      expect((await panelValue('perfscope-operations', 14, 'A', name)).service).toBeCloseTo(burn, 9);
      // The fixture's routes take 70 % and 30 % of the traffic, and fail alike.
      expect([name, routes['/api/orders'] / burn, routes['/api/reports'] / burn]).toEqual([
        name,
        expect.closeTo(0.7, 9),
        expect.closeTo(0.3, 9),
      ]);
    }
  });

  it('the domain overhead panels get the share of request time of each domain', async () => {
    for (const dashboard of ['perfscope-executive', 'perfscope-development']) {
      const panel = dashboard === 'perfscope-executive' ? 3 : 4;
      const time = await panelValue(dashboard, panel, 'domain_time', 'domain-overhead');
      const total = (await panelValue(dashboard, panel, 'total_time', 'domain-overhead')).service;
      const overhead = expected.scenarios['domain-overhead'].values.domainOverhead as Record<string, number>;
      for (const [domain, percent] of Object.entries(overhead)) {
        expect([domain, (100 * time[domain]) / total]).toEqual([domain, expect.closeTo(percent, 9)]);
      }
    }
  });
});
