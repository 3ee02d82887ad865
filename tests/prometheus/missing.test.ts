// Missing data never passes `perfscope check`: against the fixture Prometheus, a key indicator without data
// fails with the metric and label it looked for, other indicators without data warn, and series without the
// service label are reported, never scored as a service called "".
import { readFileSync } from 'fs';
import { join } from 'path';

import { buildGrafanaAlertRules, DEFAULT_TARGETS, type GrafanaAlertRule } from '../../src/alerting';
import { defaultProfile, type Profile } from '../../src/scoring';
import { perfscope, profileFile } from '../helpers/cli';
import { fixtureUrl as url } from '../helpers/fixturePrometheus';

const { evalTime, evalUnix } = JSON.parse(
  readFileSync(join(__dirname, '../../testdata/scenarios/expected.json'), 'utf8')
) as { evalTime: string; evalUnix: number };

async function checkWith(profile: Profile, ...args: string[]) {
  const file = profileFile(profile);
  try {
    return await perfscope('check', '--prometheus', url(), '--at', evalTime, '--profile', file.path, ...args);
  } finally {
    file.cleanup();
  }
}

/** A number straight from Prometheus, to compare the CLI's counts with. */
async function count(query: string): Promise<number> {
  const res = await fetch(`${url()}/api/v1/query?${new URLSearchParams({ query, time: String(evalUnix) })}`);
  const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
  return body.data.result.length === 0 ? 0 : Number(body.data.result[0].value[1]);
}

const withQuery = (id: string, query: string, change: Partial<Profile> = {}): Profile => {
  const p = { ...defaultProfile(), ...change };
  p.indicators = p.indicators.map((ind) => (ind.id === id ? { ...ind, query, enabled: true } : ind));
  return p;
};

const MISSPELT =
  'histogram_quantile(0.95, sum by (service, le) (rate(http_request_latency_seconds_bucket{service=~"$service"}[$__rate_interval])))';

describe('perfscope check with missing data', () => {
  it('fails a key indicator without data, naming the metric it looked for', async () => {
    const r = await checkWith(withQuery('latency_p95', MISSPELT), '--service', 'healthy', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.missing).toEqual([
      {
        indicator: 'latency_p95',
        key: true,
        field: 'indicators[0].query',
        reason: 'no series of http_request_latency_seconds_bucket',
      },
    ]);
    // The other indicators are healthy: only the missing key indicator fails the gate.
    expect(report.score).toBeGreaterThanOrEqual(70);
    expect(r.stderr).toContain(
      'perfscope: unhealthy: healthy: key indicator latency_p95 has no data: indicators[0].query: no series of http_request_latency_seconds_bucket'
    );
  });

  it('lets --allow-missing and the profile field pass it, with a warning', async () => {
    for (const [profile, args] of [
      [withQuery('latency_p95', MISSPELT), ['--allow-missing']],
      [withQuery('latency_p95', MISSPELT, { allowMissing: true }), []],
    ] as Array<[Profile, string[]]>) {
      const r = await checkWith(profile, '--service', 'healthy', ...args);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        'perfscope: warning: healthy: key indicator latency_p95 has no data: indicators[0].query: no series of http_request_latency_seconds_bucket'
      );
    }
  });

  it('warns about a non-key indicator without data and still gates on the rest', async () => {
    const r = await checkWith(
      withQuery('cpu', '100 * avg by (service) (rate(node_cpu_seconds{service=~"$service"}[$__rate_interval]))'),
      '--service',
      'healthy'
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'perfscope: warning: healthy: indicator cpu has no data: indicators[2].query: no series of node_cpu_seconds'
    );
  });

  it('names the label the series carry when the service label is wrong', async () => {
    const r = await checkWith({ ...defaultProfile(), serviceLabel: 'job' });
    expect(r.code).toBe(1);
    const carried = await count('count(http_request_duration_seconds_bucket{service!=""})');
    expect(carried).toBeGreaterThan(0);
    expect(r.stderr).toContain("perfscope: unhealthy: the profile's queries return no data for any service:");
    expect(r.stderr).toContain(
      `latency_p95 (indicators[0].query): no series of http_request_duration_seconds_bucket with label "job"; ${carried} series carry "service" instead (try serviceLabel "service", or --service-label service with discover)`
    );
  });

  it('names the metric and label when --service matches nothing', async () => {
    const r = await perfscope('check', '--prometheus', url(), '--at', evalTime, '--service', 'payments');
    expect(r.code).toBe(2);
    const others = await count('count(http_request_duration_seconds_bucket{service!=""})');
    expect(r.stderr).toContain(
      `latency_p95 (indicators[0].query): no series of http_request_duration_seconds_bucket with service=~"payments" (${others} series carry other "service" values)`
    );
  });

  it('reports series without the service label once and never scores a service called ""', async () => {
    const r = await checkWith(withQuery('throughput', 'sum(rate(http_requests_total[$__rate_interval]))'), '--json');
    const { services } = JSON.parse(r.stdout);
    expect(services.map((s: { service: string }) => s.service)).not.toContain('');
    const warnings = r.stderr.split('\n').filter((l) => l.includes('no "service" label'));
    expect(warnings).toEqual([
      'perfscope: warning: indicators[5].query (throughput): 1 series has no "service" label and is left out; aggregate by (service) or set the profile\'s serviceLabel',
    ]);
  });
});

describe('the alert on a key indicator without data', () => {
  const noDataRule = (profile: Profile) =>
    buildGrafanaAlertRules(profile, DEFAULT_TARGETS).find((r) => r.uid === 'perfscope-key-indicator-no-data');
  const answers = async (rule: GrafanaAlertRule, refId: string) => {
    const expr = String(rule.data.find((q) => q.refId === refId)!.model.expr);
    const res = await fetch(`${url()}/api/v1/query?${new URLSearchParams({ query: expr, time: String(evalUnix) })}`);
    const body = (await res.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    return new Map(
      body.data.result.map((r) => [`${r.metric.service}/${r.metric.indicator ?? ''}`, Number(r.value[1])])
    );
  };

  it('fires for every service that serves requests while its key indicator has no data, with its traffic', async () => {
    const rule = noDataRule(withQuery('latency_p95', MISSPELT))!;
    const [missing, traffic] = [await answers(rule, 'A'), await answers(rule, 'T')];
    expect(missing.size).toBeGreaterThan(0);
    expect(rule.data.find((q) => q.refId === 'C')!.model.expression).toBe('$A > 0 && $T >= 0.1');
    // The two queries' traffic, each computed on its own (VictoriaMetrics can differ in the last bit).
    for (const [service, rps] of traffic) {
      expect([service, missing.get(`${service.split('/')[0]}/latency_p95`)]).toEqual([service, expect.closeTo(rps, 9)]);
    }
  });

  it('stays empty when the key indicators have data, and is not built when the profile allows missing data', async () => {
    expect((await answers(noDataRule(defaultProfile())!, 'A')).size).toBe(0);
    expect(noDataRule(withQuery('latency_p95', MISSPELT, { allowMissing: true }))).toBeUndefined();
  });
});
