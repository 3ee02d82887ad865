import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildPrometheusRules } from '../../src/alerting';
import { rulePeriodWindow, tierWindows } from '../../src/alerting/signals';
import {
  countQueries,
  datasourceOf,
  generatedDashboards,
  interpolate,
  loadDashboards,
  OTHER_FIXTURE,
  otherProfile,
  panelsOf,
  PERFSCOPE,
  PROMETHEUS,
  type DashboardFile,
  type Json,
  type Target,
} from '../../src/testing/dashboards';
import { allowedErrorRatio, defaultProfile, parseDuration, type Profile } from '../../src/scoring';
import { perfscope } from '../helpers/cli';
import {
  instant,
  startRecordedPrometheus,
  startRecordedPrometheusOver,
  type RecordedPrometheus,
  type Sample,
} from '../helpers/recordedPrometheus';

// Every query of the app's dashboards (dashboards/, the generator's output for the default profile), run
// against the fixture scenarios (with PerfScope's recording rules backfilled) as Grafana would send it for each
// service: every panel shows data for every scenario, and the panels meant for a scenario show its expected
// values. Then the same for another profile, on its preset fixture.

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

/**
 * The Prometheus queries of a target: its own, none when it reuses another panel's answer (Dashboard
 * datasource), or those the PerfScope datasource sends for it (pkg/plugin).
 */
function promqlFor(profile: Profile, target: Target, type: string | undefined): string[] {
  if (type === PROMETHEUS) {
    return [target.expr!];
  }
  if (type === 'datasource') {
    return []; // another panel's answer, through the Dashboard datasource
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

/** Every Prometheus query of the dashboards' panels, with where it is. */
const queriesOf = (list: DashboardFile[], p: Profile) =>
  list.flatMap((d) =>
    panelsOf(d.json).flatMap((panel) =>
      (panel.targets ?? []).flatMap((t) =>
        promqlFor(p, t, datasourceOf(panel, t).type).map((expr) => ({ dashboard: d.json.uid, panel, target: t, expr }))
      )
    )
  );

const queries = queriesOf(dashboards, profile);

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

  it('executive SLA: availability over 30 days from the recorded error ratio (every 4 minutes)', async () => {
    const q = queries.find(
      (x) => x.dashboard === 'perfscope-executive' && x.panel.id === 2 && x.target.refId === 'windows'
    )!;
    for (const [name, s] of Object.entries(expected.scenarios)) {
      const samples = await instant(prometheus.url, interpolate(q.expr, variables(s.service)), at);
      const ratio = samples.find((x) => x.labels.window === '30d')!.value;
      expect([name, 100 * (1 - ratio)]).toEqual([name, expect.closeTo(s.expect.sla.availability, 3)]);
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
    const overhead = expected.scenarios['domain-overhead'].values.domainOverhead as Record<string, number>;
    const time = await panelValue('perfscope-development', 4, 'domain_time', 'domain-overhead');
    const total = (await panelValue('perfscope-development', 4, 'total_time', 'domain-overhead')).service;
    // The executive panel reads the recorded overhead (perfscope:domain_overhead, 5-minute rates) as it is.
    const recorded = await panelValue('perfscope-executive', 3, 'domain_overhead', 'domain-overhead');
    for (const [domain, percent] of Object.entries(overhead)) {
      expect([domain, (100 * time[domain]) / total]).toEqual([domain, expect.closeTo(percent, 9)]);
      expect([domain, recorded[domain]]).toEqual([domain, expect.closeTo(percent, 9)]);
    }
  });
});

// ------------------------------------------------------------------------------------------------------------
// The generator's dashboards for another profile (OpenTelemetry and node_exporter metrics labelled by job, other
// thresholds, a 7-day 99.5 % SLA, the slow-burn tier off, a 1-day baseline), written by the built CLI, on that
// preset's fixture Prometheus with the profile's recording rules backfilled: every query runs, the panels the
// profile drives show every service, with the values of testdata/presets/expected.json or, for the 7-day SLA
// window the fixture expectations do not hold, what `perfscope check` reports for the same profile.

interface PresetService {
  indicators: Record<string, number>;
  errorRatio: Record<string, number>;
  domainOverhead: Record<string, number>;
}
const presetsExpected: {
  evalTime: string;
  evalUnix: number;
  fixtures: Record<string, { serviceLabel: string; services: Record<string, PresetService> }>;
} = JSON.parse(readFileSync(join(__dirname, '../../testdata/presets/expected.json'), 'utf8'));

describe(`for another profile, on the preset fixture ${OTHER_FIXTURE}`, () => {
  const other = otherProfile();
  const fixture = presetsExpected.fixtures[OTHER_FIXTURE];
  const services = Object.keys(fixture.services).sort();
  const label = other.serviceLabel;
  const when = presetsExpected.evalUnix;
  const boards = generatedDashboards(other);
  const windows = [...new Set([...tierWindows(other), rulePeriodWindow(other)])].sort(
    (a, b) => parseDuration(a)! - parseDuration(b)!
  );
  /** The fixture's error ratio; the 7-day period is not among its windows: `perfscope check` measures it. */
  const ratio = (service: string, w: string) =>
    fixture.services[service].errorRatio[w] ?? 1 - reports[service].sla.availability / 100;
  const otherQueries = queriesOf(boards, other);
  const presetUrl = () => {
    const value = process.env.PERFSCOPE_PRESET_PROMETHEUS;
    if (!value) {
      throw new Error('PERFSCOPE_PRESET_PROMETHEUS is not set: run through scripts/with-prometheus.sh --presets all');
    }
    return JSON.parse(value)[OTHER_FIXTURE] as string;
  };
  let server: RecordedPrometheus;
  let dir: string;
  let reports: Record<string, { score: number; sla: { availability: number; latencyCompliance: number } }>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perfscope-other-dashboards-'));
    writeFileSync(join(dir, 'profile.json'), JSON.stringify(other));
    const written = await perfscope('dashboards', '--profile', join(dir, 'profile.json'), '--out', dir);
    expect([written.code, written.stderr]).toEqual([0, expect.stringContaining('wrote')]);
    const check = await perfscope(
      'check',
      '--prometheus',
      presetUrl(),
      '--at',
      presetsExpected.evalTime,
      '--profile',
      join(dir, 'profile.json'),
      '--json',
      '--min-score',
      '0'
    );
    const report = JSON.parse(check.stdout);
    reports = Object.fromEntries((report.services ?? [report]).map((r: { service: string }) => [r.service, r]));
    server = await startRecordedPrometheusOver(presetUrl(), buildPrometheusRules(other), when - 3 * 3600, when + 60);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What Grafana fills in for one service, over the hour before the evaluation time. */
  const fill = (expr: string, service: string, sloWindow = rulePeriodWindow(other)) =>
    interpolate(expr, {
      service,
      domain: '.*',
      slo_window: sloWindow,
      __rate_interval: '5m',
      __interval: '1m',
      __range: '1h',
    });
  const query = (dashboard: string, panelId: number, refId: string) =>
    otherQueries.find((q) => q.dashboard === dashboard && q.panel.id === panelId && q.target.refId === refId)!;
  /** A panel's query at the evaluation time for one service: value per indicator, domain or route ('service'). */
  async function value(dashboard: string, panelId: number, refId: string, service: string, sloWindow?: string) {
    const samples = await instant(server.url, fill(query(dashboard, panelId, refId).expr, service, sloWindow), when);
    return Object.fromEntries(
      samples.map((x) => [
        [x.labels.indicator, x.labels.domain, x.labels.window].filter(Boolean).join('/') || 'service',
        x.value,
      ])
    );
  }

  it('is what the built CLI writes for the profile', () => {
    for (const d of boards) {
      expect([d.file, JSON.parse(readFileSync(join(dir, d.file), 'utf8'))]).toEqual([d.file, d.json]);
    }
  });

  // The queries whose source the profile is (its queries and the rules' series of them): data for every service.
  // The others read PerfScope's own instrumentation (docs/metrics.md), which the preset fixtures do not have.
  const DRIVEN: Record<string, number[]> = {
    'perfscope-executive': [1, 2, 3, 5, 6, 7, 8],
    'perfscope-operations': [1, 2, 3, 4, 5, 6, 7, 14],
    'perfscope-development': [1, 2, 3, 4, 5, 6, 7, 12],
  };

  it.each(otherQueries.map((q) => [`${q.dashboard} panel ${q.panel.id} ${q.target.refId}`, q] as const))(
    '%s runs, with data for every service where the profile drives it',
    async (_name, q) => {
      const driven = DRIVEN[q.dashboard].includes(q.panel.id);
      for (const service of services) {
        const expr = fill(q.expr, service);
        const params = new URLSearchParams({ query: expr, start: String(when - 3600), end: String(when), step: '60' });
        const body = await (await fetch(`${server.url}/api/v1/query_range?${params}`)).json();
        expect([expr, body.status]).toEqual([expr, 'success']);
        if (driven) {
          const named = body.data.result.map(
            (r: { metric: Record<string, string> }) => r.metric[label] ?? r.metric.service
          );
          expect([expr, named.length > 0 && named.every((n: string) => n === service)]).toEqual([expr, true]);
        }
      }
    }
  );

  it('runs the variables and the annotation, which list every service and domain', async () => {
    for (const d of boards) {
      for (const v of (d.json.templating as { list: Json[] }).list.filter((x) => x.type === 'query')) {
        const [, match, name] = /^label_values\((.*), (\w+)\)$/.exec(String((v.query as Json).query))!;
        const params = new URLSearchParams({
          'match[]': fill(match, '.*'),
          start: String(when - 3600),
          end: String(when),
        });
        const body = await (await fetch(`${server.url}/api/v1/label/${name}/values?${params}`)).json();
        const want = name === label ? services : Object.keys(fixture.services.degraded.domainOverhead);
        expect([d.file, name, body.data.sort()]).toEqual([d.file, name, want.sort()]);
      }
      // Deployments are PerfScope's own instrumentation, not in the preset fixtures: the query runs (instant
      // throws on an error).
      for (const a of (d.json.annotations as { list: Json[] }).list.filter(
        (x) => (x.target as Json | undefined)?.expr
      )) {
        await instant(server.url, fill(String((a.target as Json).expr), '.*'), when);
      }
    }
  });

  it("shows the fixture's indicator values on the stock panels and the recorded ones", async () => {
    for (const service of services) {
      const want = fixture.services[service].indicators;
      const close = (got: number | undefined, id: string) =>
        expect([service, id, got]).toEqual([service, id, expect.closeTo(want[id], 6)]);
      close((await value('perfscope-operations', 2, 'B', service)).service, 'latency_p95');
      close((await value('perfscope-development', 1, 'A', service)).service, 'latency_p95');
      close((await value('perfscope-operations', 5, 'A', service)).service, 'error_rate');
      close((await value('perfscope-development', 2, 'A', service)).service, 'error_rate');
      close((await value('perfscope-operations', 6, 'A', service)).service, 'cpu');
      close((await value('perfscope-operations', 7, 'A', service)).service, 'memory');
      close((await value('perfscope-operations', 3, 'A', service)).service, 'throughput');
      // As for the default profile: the recorded availability, over the last hour, is a minute old in a scenario
      // that changes by the minute.
      const recorded = await value('perfscope-executive', 1, 'A', service);
      for (const id of ['latency_p95', 'error_rate', 'cpu', 'memory']) {
        close(recorded[id], id);
      }
      // The 30-day trend queries; the 24-hour and 7-day ones reuse its answer.
      expect((await value('perfscope-executive', 7, 'A', service)).service).toBeCloseTo(reports[service].score, 9);
      for (const id of [5, 6]) {
        const panel = boards
          .flatMap((d) => panelsOf(d.json))
          .find((p) => p.title?.startsWith('Health score, last') && p.id === id)!;
        expect([id, panel.targets]).toEqual([id, [expect.objectContaining({ panelId: 7 })]]);
      }
    }
  });

  it("shows each domain's share of request time on both overhead panels", async () => {
    for (const service of services) {
      const time = await value('perfscope-development', 4, 'domain_time', service);
      const total = (await value('perfscope-development', 4, 'total_time', service)).service;
      const recorded = await value('perfscope-executive', 3, 'domain_overhead', service);
      for (const [domain, percent] of Object.entries(fixture.services[service].domainOverhead)) {
        const at = [service, domain];
        expect([...at, (100 * time[domain]) / total]).toEqual([...at, expect.closeTo(percent, 9)]);
        expect([...at, recorded[domain]]).toEqual([...at, expect.closeTo(percent, 9)]);
      }
    }
  });

  it("shows burn rates over every window the profile's rules record, as the fixture expects them", async () => {
    const allowed = allowedErrorRatio(other.sla.target);
    expect(windows).toEqual(['5m', '1h', '2h', '6h', '1d', '3d', '7d']);
    for (const service of services) {
      for (const w of windows) {
        const at = [service, w];
        expect([...at, (await value('perfscope-operations', 14, 'A', service, w)).service]).toEqual([
          ...at,
          expect.closeTo(ratio(service, w) / allowed, 6),
        ]);
        // The fixture's routes are not labelled route (OpenTelemetry's http_route): one bar, the service's burn.
        expect([...at, (await value('perfscope-development', 12, 'A', service, w)).service]).toEqual([
          ...at,
          expect.closeTo(ratio(service, w) / allowed, 6),
        ]);
      }
    }
  });

  it("shows the recorded SLA series the profile's rules record: error ratios per window, the period and the step's, latency compliance, request rates", async () => {
    // A recorded sample is up to one rule evaluation old (4 minutes for the windows of a day or more, inside the
    // 5-minute lookback): each is held to the profile's own query at its time,
    // and, where the scenario is steady (degraded), to the fixture's value at the evaluation time.
    const sla = other.sla;
    const raw = (expr: string, w: string) =>
      interpolate(expr, { window: w, __rate_interval: w, latencyThreshold: String(sla.latencyThreshold) });
    const check = async (
      panel: [string, number, string],
      w: string,
      service: string,
      profileQuery: string,
      sloWindow = w
    ) => {
      const expr = fill(query(...panel).expr, service, sloWindow);
      const at = (samples: Sample[]) => samples.find((x) => x.labels.window === w)!;
      const stamp = at(await instant(server.url, `timestamp(${expr})`, when));
      const recorded = at(await instant(server.url, expr, when));
      expect([panel, w, stamp.value > when - 300 && stamp.value <= when]).toEqual([panel, w, true]);
      const [then] = await instant(server.url, fill(raw(profileQuery, w), service), stamp.value);
      expect([panel, w, recorded.value]).toEqual([panel, w, expect.closeTo(then.value, 9)]);
      return recorded.value;
    };
    for (const service of services) {
      const recorded = await value('perfscope-executive', 2, 'windows', service);
      expect(Object.keys(recorded).sort()).toEqual([...windows].sort());
      for (const w of windows) {
        const got = await check(['perfscope-executive', 2, 'windows'], w, service, sla.errorRatioQuery);
        if (service === 'degraded') {
          expect([service, w, got]).toEqual([service, w, expect.closeTo(ratio(service, w), 9)]);
        }
      }
      // The period query: the 7-day period's ratio and the step's (2h), which times the requests is the error rate.
      await check(['perfscope-executive', 2, 'period'], '7d', service, sla.errorRatioQuery);
      await check(['perfscope-executive', 2, 'period'], '2h', service, sla.errorRatioQuery);
      await check(['perfscope-executive', 2, 'latency'], '7d', service, sla.latencyComplianceQuery);
      const perSecond = await check(
        ['perfscope-executive', 2, 'requests'],
        '2h',
        service,
        other.indicators.find((i) => i.id === 'throughput')!.query
      );
      expect(perSecond).toBeCloseTo(fixture.services[service].indicators.throughput, 6);
    }
  });
});
