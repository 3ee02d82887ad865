import type { DataQueryError } from '@grafana/data';

import type { GroupHealth } from './model';

/** "No data for Error rate (checkout, cart)": missing indicators, named, per service. */
export function missingIndicators(groups: GroupHealth[], indicators: Array<{ id: string; name: string }>): string[] {
  const missing = new Map<string, string[]>();
  for (const g of groups) {
    for (const id of g.health.noData) {
      missing.set(id, [...(missing.get(id) ?? []), g.name]);
    }
  }
  return [...missing].map(([id, names]) => {
    const name = indicators.find((i) => i.id === id)?.name ?? id;
    const where = names.filter(Boolean);
    const more = where.length > 5 ? ` and ${where.length - 5} more` : '';
    const list = where.length > 0 ? ` (${where.slice(0, 5).join(', ')}${more})` : '';
    return `No data for ${name}${list}: not counted in the score`;
  });
}

/**
 * What one tile lacks: each missing indicator by name, with its query's error when that query failed
 * ("No data for CPU: query cpu failed (timeout)").
 */
export function tileNotices(
  group: GroupHealth,
  errors: DataQueryError[] | undefined,
  queryOf: (indicatorId: string) => string
): string[] {
  return group.health.indicators
    .filter((ind) => group.health.noData.includes(ind.id))
    .map((ind) => {
      const refId = queryOf(ind.id);
      const error = errors?.find((e) => e.refId === refId);
      const why = error ? `: query ${refId} failed (${error.message ?? error.data?.message ?? 'no reason given'})` : '';
      return `No data for ${ind.name}${why}, not counted in the score`;
    });
}
