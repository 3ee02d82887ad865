// Queries whose metric names the Go twin must find as src/scoring's metricNames does (with the PromQL grammar):
// every query the presets and the default profile build, and queries with every construct discovery meets.
// Written with the recordings into testdata/discovery/promql/metric-names.json.
import { metricNames } from '../../scoring';
import { catalogue } from '../../scoring/presets/presetCatalogue';
import { httpQueries, resourceQueries } from '../../scoring/presets/queries';
import { defaultProfile } from '../../scoring/profile/defaults';

const constructs = [
  'sum(rate(a_total[5m])) by (job) / on(job) group_left(instance) b_info',
  'a * on(x) group_left b + c * ignoring(code) group_right () d',
  '{__name__="up", job="x"}',
  "{__name__='single_quoted'}",
  'named{__name__="ignored"}',
  '{job="x", __name__="second_matcher"} or {__name__=~"regex_is_not_a_name"}',
  '{"quoted.utf8.name", job="x"} + plain',
  'sum without (instance) (a) and on() b or c unless d',
  'sum(x) without (a) atan2 y',
  'count_values("v", build_info)',
  'x offset 5m > bool 1',
  'x @ start() - y @ end() + z @ 1769817600 offset -5m',
  'rate(requests_total[$__rate_interval]) * $factor + ${other} / [[legacy]]',
  'histogram_quantile(0.9, sum by (le) (rate(h_bucket{service=~"$service"}[5m])))',
  '-x + +y - inf * NaN + 1e+3 * e3 + 0x1f * hex_after',
  'max_over_time(x[1h:5m]) + min_over_time(rate(y[5m])[30m:])',
  'topk(3, x) # a comment naming fake_metric\n + y',
  'sum(metric:with:colons) by (le)',
  'label_join(x, "a", ",", "b", "c") + label_replace(y, "dst", "$1", "src", "(.*)")',
  'vector(1) + time() - process_start_time_seconds',
  'absent(nonexistent{job="a"}) or absent_over_time(gone[5m])',
  'sum by (job) (rate(a[5m])) unless on (job) sum by (job) (b)',
  'quantile(0.9, x) + stddev(y) + group(z) + bottomk(1, w)',
  'x{a="}", b="{"} + y{c="[5m]"}',
  'Offset_metric + rate(z[1d]) OFFSET 1h',
  'repeated + repeated * other + repeated',
  'sum by (service) (rate(x{service=~"$service"}[$__rate_interval])) / ignoring(le) group_left sum(y)',
];

/** Every query of the presets (two service labels), of the default profile, and the constructs above. */
export function metricNameQueries(): string[] {
  const queries: string[] = [];
  for (const p of catalogue.presets) {
    for (const label of ['service', 'job']) {
      if (p.kind === 'http') {
        const q = httpQueries(p, label, 0.25);
        queries.push(...Object.values(q.indicators), q.errorRatioQuery, q.latencyComplianceQuery, q.totalTimeQuery);
      } else {
        queries.push(...Object.values(resourceQueries(p, label)));
      }
    }
  }
  const d = defaultProfile();
  queries.push(...d.indicators.map((i) => i.query));
  queries.push(d.domains.domainTimeQuery, d.domains.domainLatencyQuery, d.domains.totalTimeQuery);
  queries.push(d.sla.errorRatioQuery, d.sla.latencyComplianceQuery);
  return [...new Set([...queries, ...constructs])];
}

export const metricNameCases = () => metricNameQueries().map((query) => ({ query, names: metricNames(query) }));
