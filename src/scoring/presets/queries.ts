import type { HttpPreset, ResourcePreset } from './presetCatalogue';

/** Every query of a profile that an HTTP preset supplies. */
export interface HttpQueries {
  indicators: { latency_p95: string; error_rate: string; availability: string; throughput: string };
  errorRatioQuery: string;
  latencyComplianceQuery: string;
  totalTimeQuery: string;
}

/** How the latency-SLO threshold meets the histogram's buckets. */
export interface ThresholdFit {
  /** The PromQL fraction of requests under the threshold over `$window`. */
  query: string;
  /** `exact`: a bucket bound; `interpolated`: between two bounds; `below-bound`: past the last finite bound, which is used. */
  fit: 'exact' | 'interpolated' | 'below-bound';
  /** The bounds used, in seconds. */
  bounds: number[];
}

/** A bucket bound as the server spells it in `le`, when discovery saw it. */
export type BoundSpellings = Map<number, string>;

const scale = (p: HttpPreset) => (p.duration.unit === 'ms' ? 1000 : 1);
const inSeconds = (p: HttpPreset, q: string) => (scale(p) === 1 ? q : `${q} / ${scale(p)}`);

/** The metric that counts requests and carries the status label. */
function countMetric(p: HttpPreset): string {
  return p.requests && p.status.on !== 'duration' ? p.requests.metric : `${p.duration.metric}_count`;
}

/** `le` matching a bound: the server's spelling when known, else both "1" and "1.0" (Prometheus 2 and 3). */
function leMatcher(bound: number, spellings?: BoundSpellings): string {
  const seen = spellings?.get(bound);
  if (seen !== undefined) {
    return `le="${seen}"`;
  }
  const text = String(bound);
  return Number.isInteger(bound) ? `le=~"${text}|${text}\\\\.0"` : `le="${text}"`;
}

/** The queries of an HTTP preset, grouped and filtered by `label`. */
export function httpQueries(
  p: HttpPreset,
  label: string,
  latencyThreshold: number,
  spellings?: BoundSpellings,
  buckets = p.duration.buckets
): HttpQueries {
  const sel = (metric: string, extra = '') => `${metric}{${label}=~"$service"${extra}}`;
  const sum = (expr: string, by = label) => `sum by (${by}) (${expr})`;
  const requests = (window: string, codes = '') => sum(`rate(${sel(countMetric(p), codes)}[${window}])`);
  const errors = (window: string) =>
    `(${requests(window, `, ${p.status.label}=~"${p.status.serverError}"`)} or ${requests(window)} * 0)`;
  const p95 = `histogram_quantile(0.95, ${sum(`rate(${sel(`${p.duration.metric}_bucket`)}[$__rate_interval])`, `${label}, le`)})`;
  return {
    indicators: {
      latency_p95: inSeconds(p, p95),
      error_rate: `100 * ${errors('$__rate_interval')} / ${requests('$__rate_interval')}`,
      availability: `100 * (1 - ${errors('1h')} / ${requests('1h')})`,
      throughput: requests('$__rate_interval'),
    },
    errorRatioQuery: `${errors('$window')} / ${requests('$window')}`,
    latencyComplianceQuery: thresholdFit(p, label, latencyThreshold, buckets, spellings).query,
    totalTimeQuery: inSeconds(p, sum(`rate(${sel(`${p.duration.metric}_sum`)}[$__rate_interval])`)),
  };
}

/**
 * The fraction of requests faster than the threshold (seconds). On a bucket bound it is that bucket over the
 * count; between two bounds it is interpolated linearly, as histogram_quantile assumes requests spread in a
 * bucket; past the last finite bound the last bound is used. Without a finite bound (a server holding only
 * le="+Inf", or none yet), the preset's default buckets are used.
 */
export function thresholdFit(
  p: HttpPreset,
  label: string,
  threshold: number,
  buckets: number[],
  spellings?: BoundSpellings
): ThresholdFit {
  const t = threshold * scale(p);
  const under = (bound: number) =>
    `sum by (${label}) (rate(${p.duration.metric}_bucket{${label}=~"$service", ${leMatcher(bound, spellings)}}[$window]))`;
  const all = `sum by (${label}) (rate(${p.duration.metric}_count{${label}=~"$service"}[$window]))`;
  const given = buckets.filter((b) => Number.isFinite(b));
  const finite = given.length > 0 ? given : p.duration.buckets;
  const seconds = (b: number) => b / scale(p);
  const hi = finite.find((b) => b >= t);
  if (hi === t) {
    return { query: `${under(t)} / ${all}`, fit: 'exact', bounds: [seconds(t)] };
  }
  if (hi === undefined) {
    const last = finite[finite.length - 1];
    return { query: `${under(last)} / ${all}`, fit: 'below-bound', bounds: [seconds(last)] };
  }
  const lo = [...finite].reverse().find((b) => b < t);
  const w = lo === undefined ? t / hi : (t - lo) / (hi - lo);
  const weight = Number(w.toPrecision(12));
  const low = lo === undefined ? '' : `${Number((1 - weight).toPrecision(12))} * ${under(lo)} + `;
  return {
    query: `(${low}${weight} * ${under(hi)}) / ${all}`,
    fit: 'interpolated',
    bounds: lo === undefined ? [seconds(hi)] : [seconds(lo), seconds(hi)],
  };
}

/** The cpu and memory queries of a resource preset, for services named by `label`. */
export function resourceQueries(p: ResourcePreset, label: string): { cpu: string; memory: string } {
  const fill = (q: string) => q.split('{{service}}').join(label);
  return { cpu: fill(p.queries.cpu), memory: fill(p.queries.memory) };
}
