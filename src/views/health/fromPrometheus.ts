import {
  compileIndicators,
  healthScore,
  scoreColumns,
  gridTimestamps,
  type Indicator,
  type Profile,
} from '../../scoring/index';
import { groupBy, onGrid, resultGrid, type LabelledSeries } from '../../scoring/frames/index';
import type { GroupHealth, HealthView } from './model';

/** The refIds or series names that feed an indicator: the mapped one, else its id or its name. */
export const feedKeys = (indicator: Pick<Indicator, 'id' | 'name'>, mapped?: string): string[] =>
  mapped?.trim() ? [mapped.trim()] : [indicator.id, indicator.name];

/**
 * Scores raw indicator queries (e.g. from the stock Prometheus datasource) with the profile: per group
 * (value of the `group` label) and per timestamp of the queries' common grid, then explains the latest
 * timestamp. A group with two series for one indicator is a problem: that indicator counts as no data there.
 */
export function healthFromSeries(
  series: LabelledSeries[],
  profile: Profile,
  options: { indicatorQueries: Record<string, string>; groupBy: string; intervalMs?: number }
): HealthView {
  const indicators = profile.indicators.filter((ind) => ind.enabled);
  const problems: string[] = [];
  const used = new Set<LabelledSeries>();
  const byIndicator = indicators.map((ind) => {
    const keys = feedKeys(ind, options.indicatorQueries[ind.id]);
    const mine = series.filter((s) => keys.includes(s.refId) || keys.includes(s.name));
    mine.forEach((s) => used.add(s));
    return groupBy(mine, options.groupBy);
  });
  const grid = resultGrid([...used], options.intervalMs);
  const names = new Set<string>();
  byIndicator.forEach((groups) => groups.forEach((_, name) => names.add(name)));
  const unusedQueries = [...new Set(series.map((s) => s.refId))].filter(
    (refId) => !series.some((s) => s.refId === refId && used.has(s))
  );
  if (!grid) {
    return { source: 'prometheus', groups: [], unusedQueries, problems };
  }

  const compiled = compileIndicators({ ...profile, indicators });
  const timestamps = gridTimestamps(grid);
  const last = grid.length - 1;
  const groups = [...names].sort().map((name): GroupHealth => {
    const columns = indicators.map((ind, i) => {
      const candidates = byIndicator[i].get(name) ?? [];
      if (candidates.length > 1) {
        const where = name ? ` for ${options.groupBy}="${name}"` : '';
        problems.push(
          `${ind.name}: query ${candidates[0].refId} returns ${candidates.length} series${where}; aggregate it by ${options.groupBy} (e.g. sum by (${options.groupBy}))`
        );
      }
      return candidates.length === 1 ? onGrid(candidates[0], grid) : new Float64Array(grid.length).fill(NaN);
    });
    const latest = Object.fromEntries(indicators.map((ind, i) => [ind.id, columns[i][last]]));
    // The trend is scored when first drawn: a grid of 1,000 services draws the few dozen tiles in view.
    let score: Float64Array | undefined;
    const trend = {
      timestamps,
      get score() {
        return (score ??= scoreColumns(compiled, columns, grid.length));
      },
    };
    return { name, health: healthScore(profile, latest), trend };
  });
  return { source: 'prometheus', groups, unusedQueries, problems };
}
