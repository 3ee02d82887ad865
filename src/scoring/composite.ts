import { bandOf } from './bands';
import { hasData, subScore } from './subscore';
import type { Aggregation, Band, Indicator } from './types';

export type IndicatorValues = Record<string, number | null | undefined>;

export interface IndicatorScore {
  id: string;
  name: string;
  unit: string;
  value: number | null;
  subScore: number | null;
  band: Band;
  weight: number;
  key: boolean;
  /** weight x (100 - subScore) / sum of the weights that count; null without data. */
  pointsLost: number | null;
}

export interface HealthScore {
  score: number | null;
  band: Band;
  /** The key indicator whose sub-score lowered the weighted score, if any. */
  cappedBy: string | null;
  /** The enabled indicators, in profile order. */
  indicators: IndicatorScore[];
  /** Ids of the enabled indicators without data (left out of the score, never counted as healthy). */
  noData: string[];
}

type ScoredIndicators = Pick<
  Indicator,
  'id' | 'name' | 'unit' | 'direction' | 'target' | 'warning' | 'critical' | 'weight' | 'key' | 'enabled'
>;

/** A score to combine with others: an indicator's sub-score, a group member's score (null: no data). */
export interface ScoreToCombine {
  id: string;
  score: number | null;
  weight: number;
  key: boolean;
}

export interface CombinedScore {
  score: number | null;
  /** The key item whose score lowered the weighted score, if any. */
  cappedBy: string | null;
  /** The weights that counted: positive weights of the items with data. */
  weightSum: number;
}

/**
 * Combines scores by an aggregation: the lowest (worst), or the mean of those with a positive weight, weighted
 * and capped by any key item's lower score. Items without data are left out; null when nothing counts.
 */
export function combineScores(items: ScoreToCombine[], aggregation: Aggregation): CombinedScore {
  let weightSum = 0;
  let weighted = 0;
  let worst: number | null = null;
  for (const { score, weight } of items) {
    if (score === null) {
      continue;
    }
    if (weight > 0) {
      weightSum += weight;
      weighted += weight * score;
    }
    worst = worst === null ? score : Math.min(worst, score);
  }
  if (aggregation === 'worst') {
    return { score: worst, cappedBy: null, weightSum };
  }
  let score = weightSum > 0 ? weighted / weightSum : null;
  let cappedBy: string | null = null;
  for (const item of items) {
    if (item.key && item.score !== null && score !== null && item.score < score) {
      score = item.score;
      cappedBy = item.id;
    }
  }
  return { score, cappedBy, weightSum };
}

/** The composite health score of one service at one time. */
export function healthScore(
  profile: { aggregation: Aggregation; indicators: ScoredIndicators[] },
  values: IndicatorValues
): HealthScore {
  const enabled = profile.indicators.filter((ind) => ind.enabled);
  const subScores = enabled.map((ind) => subScore(values[ind.id], ind, ind.direction));
  const { score, cappedBy, weightSum } = combineScores(
    enabled.map((ind, i) => ({ id: ind.id, score: subScores[i], weight: ind.weight, key: ind.key })),
    profile.aggregation
  );

  const indicators = enabled.map((ind, i): IndicatorScore => {
    const s = subScores[i];
    const value = values[ind.id];
    return {
      id: ind.id,
      name: ind.name,
      unit: ind.unit,
      value: hasData(value) ? value : null,
      subScore: s,
      band: bandOf(s),
      weight: ind.weight,
      key: ind.key,
      pointsLost: s === null || weightSum === 0 ? null : (Math.max(ind.weight, 0) * (100 - s)) / weightSum,
    };
  });
  return {
    score,
    band: bandOf(score),
    cappedBy,
    indicators,
    noData: indicators.filter((ind) => ind.subScore === null).map((ind) => ind.id),
  };
}
