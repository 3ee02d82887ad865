import { parser } from '@prometheus-io/lezer-promql';

import { substituteVariables } from '../profile/promql';
import { catalogue, type HttpPreset } from './presetCatalogue';
import { httpQueries, resourceQueries, thresholdFit } from './queries';

const http = (id: string) => catalogue.presets.find((p) => p.id === id) as HttpPreset;
const parses = (q: string) => {
  let error = false;
  parser.parse(substituteVariables(q)).iterate({ enter: (n) => void (error ||= n.type.isError) });
  return !error;
};

describe('preset queries', () => {
  it('are valid PromQL for every preset and service label', () => {
    for (const p of catalogue.presets) {
      for (const label of ['job', 'service_name']) {
        const queries =
          p.kind === 'http'
            ? [...Object.values(httpQueries(p, label, 0.2).indicators), httpQueries(p, label, 0.2).errorRatioQuery]
            : Object.values(resourceQueries(p, label));
        for (const q of queries) {
          expect([p.id, q, parses(q)]).toEqual([p.id, q, true]);
          expect(q).toContain(`${label}=~"$service"`);
          expect(q).not.toContain('{{service}}');
        }
      }
    }
  });

  it('group and filter by the service label, with the status label and server errors of the preset', () => {
    const q = httpQueries(http('flask'), 'job', 0.2);
    expect(q.indicators.error_rate).toBe(
      '100 * (sum by (job) (rate(flask_http_request_total{job=~"$service", status=~"5.."}[$__rate_interval])) or sum by (job) (rate(flask_http_request_total{job=~"$service"}[$__rate_interval])) * 0) / sum by (job) (rate(flask_http_request_total{job=~"$service"}[$__rate_interval]))'
    );
    expect(q.indicators.latency_p95).toBe(
      'histogram_quantile(0.95, sum by (job, le) (rate(flask_http_request_duration_seconds_bucket{job=~"$service"}[$__rate_interval])))'
    );
  });

  it('count requests with the histogram when the status label is on it only', () => {
    const q = httpQueries(http('otel-http'), 'job', 0.2);
    expect(q.indicators.throughput).toBe(
      'sum by (job) (rate(http_server_request_duration_seconds_count{job=~"$service"}[$__rate_interval]))'
    );
    expect(q.errorRatioQuery).toContain('http_response_status_code=~"5.."');
  });

  it('score a millisecond histogram in seconds', () => {
    const q = httpQueries(http('otel-http-legacy'), 'job', 0.2);
    expect(q.indicators.latency_p95).toMatch(
      /^histogram_quantile\(0\.95, .*http_server_duration_milliseconds_bucket.*\) \/ 1000$/
    );
    expect(q.totalTimeQuery).toMatch(/_sum\{job=~"\$service"\}\[\$__rate_interval\]\)\) \/ 1000$/);
  });
});

describe('the latency-SLO threshold against the buckets', () => {
  const p = http('flask'); // prometheus_client's default buckets: ... 0.1, 0.25, 0.5 ... 1.0 ...

  it('takes a bucket bound as it is, matching both spellings of an integral bound', () => {
    expect(thresholdFit(p, 'job', 0.25, p.duration.buckets)).toMatchObject({ fit: 'exact', bounds: [0.25] });
    const one = thresholdFit(p, 'job', 1, p.duration.buckets);
    expect(one.query).toContain('le=~"1|1\\\\.0"');
  });

  it('uses the spelling the server has when discovery saw it', () => {
    const one = thresholdFit(p, 'job', 1, [0.5, 1], new Map([[1, '1.0']]));
    expect(one.query).toContain('le="1.0"');
    expect(one.query).not.toContain('le=~');
  });

  it('interpolates linearly between the bounds around it', () => {
    const fit = thresholdFit(p, 'job', 0.2, p.duration.buckets);
    expect(fit).toMatchObject({ fit: 'interpolated', bounds: [0.1, 0.25] });
    // (0.2 - 0.1) / (0.25 - 0.1) = 2/3 of the way from le="0.1" to le="0.25"
    expect(fit.query).toMatch(/^\(0\.333333333333 \* sum by \(job\) \(rate\(\S+\{job=~"\$service", le="0\.1"\}/);
    expect(fit.query).toContain(
      '0.666666666667 * sum by (job) (rate(flask_http_request_duration_seconds_bucket{job=~"$service", le="0.25"}'
    );
  });

  it('interpolates from zero below the first bound and in milliseconds for a millisecond histogram', () => {
    expect(thresholdFit(p, 'job', 0.001, p.duration.buckets)).toMatchObject({ fit: 'interpolated', bounds: [0.005] });
    const ms = thresholdFit(http('otel-http-legacy'), 'job', 0.2, http('otel-http-legacy').duration.buckets);
    expect(ms).toMatchObject({ fit: 'interpolated', bounds: [0.1, 0.25] });
    expect(ms.query).toContain('le=~"100|100\\\\.0"');
    expect(ms.query).toContain('le=~"250|250\\\\.0"');
  });

  it('falls back to the last bound above every bound', () => {
    expect(thresholdFit(p, 'job', 60, p.duration.buckets)).toMatchObject({ fit: 'below-bound', bounds: [10] });
  });
});
