import type { DataFrame } from '@grafana/data';

import { bandOf, type Band, type HealthScore, type IndicatorScore, type Profile } from '../../../scoring';
import type { LabelledSeries } from '../../../scoring/frames';
import { findTable } from '../../shared/data/table';
import type { GroupHealth, HealthView } from '../../../views/health/model';

// The frames of the PerfScope datasource's health query (pkg/plugin/query_health.go).
const LATEST = 'Latest health';
const LATEST_FIELDS = ['Service', 'Indicator', 'Value', 'Sub-score', 'Band', 'Weight', 'Points lost', 'Score'];
const SCORE = 'Health score';

/** Whether the frames come from the PerfScope datasource's health query (already scored). */
export const isPerfScopeHealth = (frames: DataFrame[]) =>
  frames.some((f) => f.name === LATEST || f.fields.some((x) => x.name === SCORE && x.labels?.service !== undefined));

const orNull = (v: number) => (Number.isFinite(v) ? v : null);
const asBand = (text: string, score: number | null): Band =>
  (['ok', 'info', 'warning', 'critical', 'nodata'] as string[]).includes(text) ? (text as Band) : bandOf(score);

/**
 * Reads the health the PerfScope datasource computed: the "Latest health" table explains each service's
 * latest score, the "Health score" series are its trend. Indicators are named in the table; the profile
 * gives back their ids and units.
 */
export function healthFromPerfScope(frames: DataFrame[], series: LabelledSeries[], profile: Profile): HealthView {
  const byName = new Map(profile.indicators.map((ind) => [ind.name, ind]));
  const latest = findTable(frames, LATEST, LATEST_FIELDS);
  const healths = new Map<string, HealthScore>();
  for (let row = 0; latest && row < latest.length; row++) {
    const service = latest.string('Service', row);
    const score = orNull(latest.number('Score', row));
    const h = healths.get(service) ?? {
      score,
      band: asBand(latest.string('Score band', row), score),
      cappedBy: latest.string('Capped by', row) || null,
      indicators: [],
      noData: [],
    };
    const name = latest.string('Indicator', row);
    const ind = byName.get(name);
    const subScore = orNull(latest.number('Sub-score', row));
    const indicator: IndicatorScore = {
      id: ind?.id ?? name,
      name,
      unit: ind?.unit ?? '',
      value: orNull(latest.number('Value', row)),
      subScore,
      band: asBand(latest.string('Band', row), subScore),
      weight: latest.number('Weight', row),
      key: latest.boolean('Key indicator', row),
      pointsLost: orNull(latest.number('Points lost', row)),
    };
    h.indicators.push(indicator);
    if (subScore === null) {
      h.noData.push(indicator.id);
    }
    healths.set(service, h);
  }
  for (const h of healths.values()) {
    h.cappedBy = h.indicators.find((i) => i.name === h.cappedBy)?.id ?? h.cappedBy;
  }

  const trends = new Map(
    series
      .filter((s) => s.field.name === SCORE && s.labels.service !== undefined)
      .map((s) => [s.labels.service, { timestamps: s.timestamps, score: s.values }])
  );
  const names = [...new Set([...healths.keys(), ...trends.keys()])].sort();
  const groups = names.map((name): GroupHealth => {
    const trend = trends.get(name) ?? null;
    const health = healths.get(name) ?? fromTrend(trend);
    return { name, health, trend };
  });
  return { source: 'perfscope', groups, unusedQueries: [], problems: [] };
}

/** Without the table (a trimmed query result), the latest score is the trend's last point, unexplained. */
function fromTrend(trend: GroupHealth['trend']): HealthScore {
  const score = trend && trend.score.length > 0 ? orNull(trend.score[trend.score.length - 1]) : null;
  return { score, band: bandOf(score), cappedBy: null, indicators: [], noData: [] };
}
