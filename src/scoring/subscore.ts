import type { Direction, Thresholds } from './types';

/** A value counts as data only when it is a finite number; null, NaN and ±Inf mean "no data". */
export const hasData = (v: number | null | undefined): v is number => typeof v === 'number' && v - v === 0;

/**
 * Sub-score of a value where lower is better (target < warning < critical): 100 up to the target, 70 at the
 * warning threshold, 50 at the critical one, then down to 0 at the same slope as between warning and critical.
 */
export function subScoreLower(v: number, target: number, warning: number, critical: number): number {
  if (v <= target) {
    return 100;
  }
  if (v <= warning) {
    return 100 - (30 * (v - target)) / (warning - target);
  }
  if (v <= critical) {
    return 70 - (20 * (v - warning)) / (critical - warning);
  }
  return Math.max(0, 50 - (20 * (v - critical)) / (critical - warning));
}

/** Sub-score for either direction; `higher` mirrors `lower` on negated values. Null when v is no data. */
export function subScore(v: number | null | undefined, t: Thresholds, direction: Direction = 'lower'): number | null {
  if (!hasData(v)) {
    return null;
  }
  return direction === 'higher'
    ? subScoreLower(-v, -t.target, -t.warning, -t.critical)
    : subScoreLower(v, t.target, t.warning, t.critical);
}
