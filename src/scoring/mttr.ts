import { atOrWorse } from './bands';
import { subScore } from './subscore';
import type { Band, Direction, Thresholds } from './types';

export interface BreachInterval {
  /** Timestamp of the first sample in breach. */
  start: number;
  /** Timestamp of the last sample in breach. */
  end: number;
  /** end - start + step. */
  length: number;
}

export interface BreachSummary {
  /** Intervals that ended inside the range, oldest first. */
  resolved: BreachInterval[];
  /** The interval still in breach at the last sample, reported apart. */
  open: BreachInterval | null;
  /** Mean length of the resolved intervals; null when none. */
  mttr: number | null;
}

/**
 * Breach intervals over samples at `timestamps` (ascending, on a grid of `step`): maximal runs of consecutive
 * samples in breach, where consecutive means no more than one step apart (a gap or a sample without data
 * ends a run). The run that contains the last sample is open; the others are resolved.
 */
export function breachIntervals(
  timestamps: ArrayLike<number>,
  inBreach: ArrayLike<boolean>,
  step: number
): BreachSummary {
  const runs: BreachInterval[] = [];
  let start = NaN;
  let end = NaN;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (!inBreach[i]) {
      continue;
    }
    if (!Number.isNaN(start) && t - end <= step) {
      end = t;
      continue;
    }
    if (!Number.isNaN(start)) {
      runs.push({ start, end, length: end - start + step });
    }
    start = t;
    end = t;
  }
  let open: BreachInterval | null = null;
  if (!Number.isNaN(start)) {
    const last = { start, end, length: end - start + step };
    if (inBreach[timestamps.length - 1]) {
      open = last;
    } else {
      runs.push(last);
    }
  }
  const mttr = runs.length === 0 ? null : runs.reduce((sum, r) => sum + r.length, 0) / runs.length;
  return { resolved: runs, open, mttr };
}

/**
 * Whether a value is in breach: its sub-score in `band` or a worse one (by default critical). A value without
 * data is not in breach; it ends a breach run, as a gap does.
 */
export const inBreach = (
  value: number | null | undefined,
  t: Thresholds,
  direction: Direction,
  band: Band = 'critical'
): boolean => atOrWorse(subScore(value, t, direction), band);
