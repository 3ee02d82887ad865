import { subScoreLower } from './subscore';
import type { Aggregation, Indicator } from './types';

/** The timestamps a query asks for: start, start + step, ... (length of them). */
export interface Grid {
  start: number;
  step: number;
  length: number;
}

/** Samples as a query returns them: ascending timestamps, possibly with gaps and its own step. */
export interface Series {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** A grid from start to end inclusive (end rounded down to a whole step). */
/** Prometheus's own limit of points a series in one range query (pkg/prom's MaxPoints). */
export const MAX_POINTS = 11_000;

export const gridOf = (start: number, end: number, step: number): Grid => ({
  start,
  step,
  length: Math.floor((end - start) / step) + 1,
});

const timestampsOf = new WeakMap<Grid, Float64Array>();

/** The grid's timestamps; computed once per grid object (treat the array as read-only). */
export function gridTimestamps(grid: Grid): Float64Array {
  const known = timestampsOf.get(grid);
  if (
    known &&
    known.length === grid.length &&
    known[0] === grid.start &&
    (grid.length < 2 || known[1] - known[0] === grid.step)
  ) {
    return known;
  }
  const out = new Float64Array(grid.length);
  for (let k = 0; k < grid.length; k++) {
    out[k] = grid.start + k * grid.step;
  }
  timestampsOf.set(grid, out);
  return out;
}

/** The smallest positive distance between consecutive timestamps; NaN with fewer than two. */
export function seriesStep(timestamps: ArrayLike<number>): number {
  let step = NaN;
  for (let i = 1; i < timestamps.length; i++) {
    const d = timestamps[i] - timestamps[i - 1];
    if (d > 0 && !(d >= step)) {
      step = d;
    }
  }
  return step;
}

/**
 * The series' value at each grid timestamp t: its last sample at or before t, if that sample is less than
 * one step old (the larger of the grid's step and the series' own); NaN (no data) otherwise. A series with
 * a coarser step is held between its samples; a gap stays a gap.
 */
export function alignSeries(series: Series, grid: Grid, step = seriesStep(series.timestamps)): Float64Array {
  const { timestamps, values } = series;
  const out = new Float64Array(grid.length);
  const lookback = Number.isNaN(step) ? grid.step : Math.max(grid.step, step);
  if (lookback === grid.step && scatterOnGrid(series, grid, out)) {
    return out;
  }
  let j = -1;
  for (let k = 0; k < grid.length; k++) {
    const t = grid.start + k * grid.step;
    while (j + 1 < timestamps.length && timestamps[j + 1] <= t) {
      j++;
    }
    out[k] = j >= 0 && t - timestamps[j] < lookback ? values[j] : NaN;
  }
  return out;
}

/**
 * The common case of alignSeries(): every sample sits on a grid timestamp and the series' step is the
 * grid's, so each sample is the value at its own timestamp and nowhere else. False (out unusable) otherwise.
 */
function scatterOnGrid({ timestamps, values }: Series, grid: Grid, out: Float64Array): boolean {
  out.fill(NaN);
  for (let i = 0; i < timestamps.length; i++) {
    const k = (timestamps[i] - grid.start) / grid.step;
    if (k !== Math.floor(k)) {
      return false;
    }
    if (k >= 0 && k < grid.length) {
      out[k] = values[i];
    }
  }
  return true;
}

/** The enabled indicators of a profile laid out for the per-timestamp loop. */
export interface CompiledIndicators {
  aggregation: Aggregation;
  ids: string[];
  /** 1 for lower, -1 for higher: s_higher(v) = s_lower(-v) with negated thresholds. */
  sign: Float64Array;
  target: Float64Array;
  warning: Float64Array;
  critical: Float64Array;
  weight: Float64Array;
  key: Uint8Array;
}

export function compileIndicators(profile: {
  aggregation: Aggregation;
  indicators: Array<
    Pick<Indicator, 'id' | 'direction' | 'target' | 'warning' | 'critical' | 'weight' | 'key' | 'enabled'>
  >;
}): CompiledIndicators {
  const enabled = profile.indicators.filter((i) => i.enabled);
  const column = (f: (i: (typeof enabled)[number], sign: number) => number) =>
    Float64Array.from(enabled, (i) => f(i, i.direction === 'higher' ? -1 : 1));
  return {
    aggregation: profile.aggregation,
    ids: enabled.map((i) => i.id),
    sign: column((_, sign) => sign),
    target: column((i, sign) => sign * i.target),
    warning: column((i, sign) => sign * i.warning),
    critical: column((i, sign) => sign * i.critical),
    weight: column((i) => i.weight),
    key: Uint8Array.from(enabled, (i) => (i.key ? 1 : 0)),
  };
}

// Timestamps are scored in blocks so that the per-timestamp accumulators stay in the L1 cache.
const BLOCK = 1024;
const weightSum = new Float64Array(BLOCK);
const weighted = new Float64Array(BLOCK);
// weighted mode: the lowest key sub-score (the cap); worst mode: the lowest sub-score.
const lowest = new Float64Array(BLOCK);

/**
 * Scores every timestamp of aligned columns (one per compiled indicator, NaN for no data) into `out`: the
 * same composite as healthScore(), NaN where no indicator counts. Optionally writes each sub-score column.
 * One tight loop per indicator, like a plain map; sums per timestamp run in indicator order, so the result
 * is bit-identical to healthScore().
 */
export function scoreColumns(
  c: CompiledIndicators,
  columns: Array<ArrayLike<number>>,
  length: number,
  out: Float64Array = new Float64Array(length),
  subScores?: Float64Array[]
): Float64Array {
  const worst = c.aggregation === 'worst';
  for (let from = 0; from < length; from += BLOCK) {
    const n = Math.min(BLOCK, length - from);
    weightSum.fill(0, 0, n);
    weighted.fill(0, 0, n);
    lowest.fill(Infinity, 0, n);
    for (let i = 0; i < c.ids.length; i++) {
      const weight = c.weight[i] > 0 ? c.weight[i] : 0;
      const lowers = worst || c.key[i] === 1;
      accumulate(columns[i], from, n, c.sign[i], c.target[i], c.warning[i], c.critical[i], weight, lowers);
    }
    for (let j = 0; j < n; j++) {
      if (worst) {
        out[from + j] = lowest[j] === Infinity ? NaN : lowest[j];
      } else {
        out[from + j] = weightSum[j] > 0 ? Math.min(weighted[j] / weightSum[j], lowest[j]) : NaN;
      }
    }
  }
  if (subScores !== undefined) {
    for (let i = 0; i < c.ids.length; i++) {
      const col = columns[i];
      for (let k = 0; k < length; k++) {
        const v = col[k];
        subScores[i][k] = v - v === 0 ? subScoreLower(c.sign[i] * v, c.target[i], c.warning[i], c.critical[i]) : NaN;
      }
    }
  }
  return out;
}

/** Adds one indicator's sub-scores over a block to the accumulators. */
function accumulate(
  col: ArrayLike<number>,
  from: number,
  n: number,
  sign: number,
  t: number,
  w: number,
  cr: number,
  weight: number,
  lowers: boolean
) {
  for (let j = 0; j < n; j++) {
    const v = col[from + j];
    if (v - v !== 0) {
      continue;
    }
    const s = subScoreLower(sign * v, t, w, cr);
    if (weight > 0) {
      weightSum[j] += weight;
      weighted[j] += weight * s;
    }
    if (lowers && s < lowest[j]) {
      lowest[j] = s;
    }
  }
}

/** An indicator's samples: already on the grid (a column) or a series to align to it. */
export type IndicatorInput = ArrayLike<number> | Series;

const isSeries = (input: IndicatorInput): input is Series => 'timestamps' in input;

export interface ScoredSeries {
  timestamps: Float64Array;
  /** Composite score per timestamp; NaN for no data. */
  score: Float64Array;
  /** Sub-score per enabled indicator id, when asked for. */
  subScores?: Record<string, Float64Array>;
}

/** Scores a service over a grid from per-indicator inputs with different steps and gaps. */
export function scoreSeries(
  c: CompiledIndicators,
  grid: Grid,
  inputs: Record<string, IndicatorInput | undefined>,
  options: { subScores?: boolean; out?: Float64Array } = {}
): ScoredSeries {
  const columns = c.ids.map((id) => {
    const input = inputs[id];
    if (input === undefined) {
      return new Float64Array(grid.length).fill(NaN);
    }
    return isSeries(input) ? alignSeries(input, grid) : input;
  });
  const subScores = options.subScores ? c.ids.map(() => new Float64Array(grid.length)) : undefined;
  const score = scoreColumns(c, columns, grid.length, options.out ?? new Float64Array(grid.length), subScores);
  return {
    timestamps: gridTimestamps(grid),
    score,
    subScores: subScores && Object.fromEntries(c.ids.map((id, i) => [id, subScores[i]])),
  };
}
