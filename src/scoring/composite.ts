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

/** The composite health score of one service at one time. */
export function healthScore(
  profile: { aggregation: Aggregation; indicators: ScoredIndicators[] },
  values: IndicatorValues
): HealthScore {
  const enabled = profile.indicators.filter((ind) => ind.enabled);
  const subScores = enabled.map((ind) => subScore(values[ind.id], ind, ind.direction));
  let weightSum = 0;
  let weighted = 0;
  let worst: number | null = null;
  enabled.forEach((ind, i) => {
    const s = subScores[i];
    if (s === null) {
      return;
    }
    if (ind.weight > 0) {
      weightSum += ind.weight;
      weighted += ind.weight * s;
    }
    worst = worst === null ? s : Math.min(worst, s);
  });

  let score: number | null;
  let cappedBy: string | null = null;
  if (profile.aggregation === 'worst') {
    score = worst;
  } else {
    score = weightSum > 0 ? weighted / weightSum : null;
    enabled.forEach((ind, i) => {
      const s = subScores[i];
      if (ind.key && s !== null && score !== null && s < score) {
        score = s;
        cappedBy = ind.id;
      }
    });
  }

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
