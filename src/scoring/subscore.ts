import type { Direction, Thresholds } from './types';

/** A value counts as data only when it is a finite number; null, NaN and ±Inf mean "no data". */
export const hasData = (v: number | null | undefined): v is number => typeof v === 'number' && v - v === 0;

/** The sub-score at each threshold: 100 at the target (and better), 70 at warning, 50 at critical. */
export const SUB_SCORE_AT = { target: 100, warning: 70, critical: 50 } as const;

const { target: AT_TARGET, warning: AT_WARNING, critical: AT_CRITICAL } = SUB_SCORE_AT;

/**
 * Sub-score of a value where lower is better (target < warning < critical): 100 up to the target, 70 at the
 * warning threshold, 50 at the critical one, then down to 0 at the same slope as between warning and critical.
 */
export function subScoreLower(v: number, target: number, warning: number, critical: number): number {
  if (v <= target) {
    return AT_TARGET;
  }
  if (v <= warning) {
    return AT_TARGET - ((AT_TARGET - AT_WARNING) * (v - target)) / (warning - target);
  }
  if (v <= critical) {
    return AT_WARNING - ((AT_WARNING - AT_CRITICAL) * (v - warning)) / (critical - warning);
  }
  return Math.max(0, AT_CRITICAL - ((AT_WARNING - AT_CRITICAL) * (v - critical)) / (critical - warning));
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
