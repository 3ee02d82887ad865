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
export const gridOf = (start: number, end: number, step: number): Grid => ({
  start,
  step,
  length: Math.floor((end - start) / step) + 1,
});

export function gridTimestamps(grid: Grid): Float64Array {
  const out = new Float64Array(grid.length);
  for (let k = 0; k < grid.length; k++) {
    out[k] = grid.start + k * grid.step;
  }
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

/**
 * Scores every timestamp of aligned columns (one per compiled indicator, NaN for no data) into `out`: the
 * same composite as healthScore(), NaN where no indicator counts. Optionally writes each sub-score column.
 */
export function scoreColumns(
  c: CompiledIndicators,
  columns: Array<ArrayLike<number>>,
  length: number,
  out = new Float64Array(length),
  subScores?: Float64Array[]
): Float64Array {
  const n = c.ids.length;
  const worst = c.aggregation === 'worst';
  for (let k = 0; k < length; k++) {
    let weightSum = 0;
    let weighted = 0;
    let cap = Infinity;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      const v = columns[i][k];
      let s = NaN;
      if (v - v === 0) {
        s = subScoreLower(c.sign[i] * v, c.target[i], c.warning[i], c.critical[i]);
        const w = c.weight[i];
        if (w > 0) {
          weightSum += w;
          weighted += w * s;
        }
        if (s < min) {
          min = s;
        }
        if (c.key[i] === 1 && s < cap) {
          cap = s;
        }
      }
      if (subScores !== undefined) {
        subScores[i][k] = s;
      }
    }
    if (worst) {
      out[k] = min === Infinity ? NaN : min;
    } else {
      out[k] = weightSum > 0 ? Math.min(weighted / weightSum, cap) : NaN;
    }
  }
  return out;
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
  options: { subScores?: boolean } = {}
): ScoredSeries {
  const columns = c.ids.map((id) => {
    const input = inputs[id];
    if (input === undefined) {
      return new Float64Array(grid.length).fill(NaN);
    }
    return isSeries(input) ? alignSeries(input, grid) : input;
  });
  const subScores = options.subScores ? c.ids.map(() => new Float64Array(grid.length)) : undefined;
  const score = scoreColumns(c, columns, grid.length, new Float64Array(grid.length), subScores);
  return {
    timestamps: gridTimestamps(grid),
    score,
    subScores: subScores && Object.fromEntries(c.ids.map((id, i) => [id, subScores[i]])),
  };
}
