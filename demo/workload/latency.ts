// Request durations chosen so that Prometheus' histogram_quantile(0.95, ...) over the buckets of
// docs/metrics.md lands exactly on the wanted p95, and the mean (…_sum / …_count) on the wanted mean.

export const LATENCY_BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5];

export interface LatencyClass {
  /** Fraction of all requests. */
  share: number;
  /** Seconds each of them takes. */
  seconds: number;
}

/** Width of the cumulative step inside the p95 bucket. */
const EDGE = 0.04;

/**
 * Three classes of request: `fast` ones at or below the lower bound `lo` of the bucket (lo, hi] holding the
 * p95, `edge` ones inside it, `slow` ones beyond it. histogram_quantile interpolates linearly inside the bucket,
 * so with F(lo) = 0.95 - r * EDGE and F(hi) = F(lo) + EDGE, where r = (p95 - lo) / (hi - lo), it returns
 * lo + (hi - lo) * r = p95. The fast requests' duration then sets the mean (clamped to (0, lo] when the mean
 * cannot be reached from there).
 */
export function latencyMix(p95: number, mean: number): LatencyClass[] {
  const hiIndex = LATENCY_BUCKETS.findIndex((b) => b >= p95);
  if (!(p95 > LATENCY_BUCKETS[0]) || hiIndex < 0) {
    throw new RangeError(`latency p95 ${p95} s must lie in (${LATENCY_BUCKETS[0]}, ${LATENCY_BUCKETS.at(-1)}] s`);
  }
  const lo = LATENCY_BUCKETS[hiIndex - 1];
  const hi = LATENCY_BUCKETS[hiIndex];
  const r = (p95 - lo) / (hi - lo);
  const fast = 0.95 - r * EDGE;
  const slow = 1 - fast - EDGE;
  const next = LATENCY_BUCKETS[hiIndex + 1] ?? hi * 2;
  const slowSeconds = (hi + next) / 2;
  const wanted = (mean - EDGE * p95 - slow * slowSeconds) / fast;
  const fastSeconds = wanted > 0 ? Math.min(wanted, lo) : lo / 2;
  return [
    { share: fast, seconds: fastSeconds },
    { share: EDGE, seconds: p95 },
    { share: slow, seconds: slowSeconds },
  ];
}
