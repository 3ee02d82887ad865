import type { HealthScore } from '../../../scoring';

/** "Why is it 64?" in one sentence, from the library's explanation (points lost and the key indicator cap). */
export function explainScore(health: HealthScore, aggregation: 'weighted' | 'worst', decimals = 1): string {
  if (health.score === null) {
    return 'No indicator has data: there is no score.';
  }
  const fmt = (v: number) => String(Number(v.toFixed(decimals)));
  const name = (id: string | null) => health.indicators.find((i) => i.id === id)?.name ?? id;
  const missing = health.noData.length > 0 ? ` ${health.noData.map(name).join(', ')}: no data, not counted.` : '';
  if (aggregation === 'worst') {
    const worst = health.indicators.find((i) => i.subScore === health.score);
    return `The worst sub-score, ${name(worst?.id ?? null)}'s ${fmt(health.score)}.${missing}`;
  }
  const lost = health.indicators.reduce((sum, i) => sum + (i.pointsLost ?? 0), 0);
  const weighted = `Weighted score ${fmt(100 - lost)} (${fmt(lost)} points lost)`;
  if (health.cappedBy) {
    return `${weighted}, capped at ${fmt(health.score)} by the key indicator ${name(health.cappedBy)}.${missing}`;
  }
  return `${weighted}.${missing}`;
}
