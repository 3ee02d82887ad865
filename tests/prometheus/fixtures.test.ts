import { readFileSync } from 'fs';
import { join } from 'path';

import { fixtureUrl as prometheusUrl } from '../helpers/fixturePrometheus';
import { instant as instantAt, type Sample } from '../helpers/recordedPrometheus';

// The fixture Prometheus (scripts/with-prometheus.sh) serves exactly the values of testdata/scenarios/expected.json.

interface ScenarioValues {
  indicators: Record<string, number>;
  domainOverhead: Record<string, number>;
  errorRatio: Record<string, number>;
  requestsPerSecondByCode: Record<string, number>;
  deployedVersion: string;
}

interface Expected {
  evalUnix: number;
  scenarios: Record<string, { service: string; values: ScenarioValues }>;
}

const expected: Expected = JSON.parse(readFileSync(join(__dirname, '../../testdata/scenarios/expected.json'), 'utf8'));

/** An instant query at the scenarios' evaluation time. */
const instant = (query: string) => instantAt(prometheusUrl(), query, expected.evalUnix);

function byService(rows: Sample[], extra?: string) {
  return new Map(rows.map((r) => [extra ? `${r.labels.service}/${r.labels[extra]}` : r.labels.service, r.value]));
}

const scenarios = Object.entries(expected.scenarios);

test('every scenario is served', async () => {
  const up = byService(await instant('count by (service) (http_requests_total)'));
  expect([...up.keys()].sort()).toEqual(['budget-burn', 'degraded', 'domain-overhead', 'healthy', 'incident']);
});

test.each(scenarios)('%s: error rate, throughput and requests by code', async (_name, { service, values }) => {
  const errorRate = byService(
    await instant(
      '100 * sum by (service) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (service) (rate(http_requests_total[5m]))'
    )
  );
  expect(errorRate.get(service)).toBeCloseTo(values.indicators.error_rate, 9);
  const throughput = byService(await instant('sum by (service) (rate(http_requests_total[5m]))'));
  expect(throughput.get(service)).toBeCloseTo(values.indicators.throughput, 9);
  const byCode = byService(
    await instant(`sum by (service, code) (rate(http_requests_total{service="${service}"}[5m]))`),
    'code'
  );
  for (const [code, rps] of Object.entries(values.requestsPerSecondByCode)) {
    expect(byCode.get(`${service}/${code}`)).toBeCloseTo(rps, 9);
  }
});

test.each(scenarios)('%s: error ratio over every SLA window', async (_name, { service, values }) => {
  for (const [window, ratio] of Object.entries(values.errorRatio)) {
    const got = byService(
      await instant(
        `sum by (service) (rate(http_requests_total{code=~"5.."}[${window}])) / sum by (service) (rate(http_requests_total[${window}]))`
      )
    );
    expect(got.get(service)).toBeCloseTo(ratio, 12);
  }
});

test.each(scenarios)('%s: domain overhead', async (_name, { service, values }) => {
  const shares = byService(
    await instant(
      '100 * sum by (service, domain) (rate(domain_duration_seconds_sum[5m])) / ignoring (domain) group_left sum by (service) (rate(http_request_duration_seconds_sum[5m]))'
    ),
    'domain'
  );
  for (const [domain, overhead] of Object.entries(values.domainOverhead)) {
    expect(shares.get(`${service}/${domain}`)).toBeCloseTo(overhead, 9);
  }
});

test.each(scenarios)('%s: the running version', async (_name, { service, values }) => {
  const rows = await instant(`deployment_timestamp_seconds{service="${service}"}`);
  expect(rows.map((r) => r.labels.version)).toEqual([values.deployedVersion]);
});
