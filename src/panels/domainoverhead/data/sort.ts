import { bySeverity } from '../../../components/bands';
import type { DomainOverheadOptions } from '../types';
import type { OverheadRow, ServiceOverhead } from '../../../views/overhead/model';

const byOverhead = (a: OverheadRow, b: OverheadRow) => (b.overhead ?? -Infinity) - (a.overhead ?? -Infinity);
const rowName = (r: OverheadRow) => r.name;
const rowBand = (r: OverheadRow) => r.band;

/** Domains in the panel's order: largest overhead first, worst band first (ties: larger overhead), or by name. */
export function sortRows(rows: OverheadRow[], sortBy: DomainOverheadOptions['sortBy']): OverheadRow[] {
  const sorted = [...rows];
  if (sortBy === 'overhead') {
    sorted.sort((a, b) => byOverhead(a, b) || a.name.localeCompare(b.name));
  } else if (sortBy === 'band') {
    sorted.sort(bySeverity(rowBand, rowName, byOverhead));
  } else {
    sorted.sort((a, b) => a.name.localeCompare(b.name));
  }
  return sorted;
}

/** A service's worst row: its system total or its worst domain. */
export const worstRow = (s: ServiceOverhead): OverheadRow =>
  [s.system, ...s.domains].sort(bySeverity(rowBand, rowName, byOverhead))[0];

/**
 * Services in the panel's order, each with its domains sorted: by name, or, sorting by band or in a compact
 * panel, the service with the worst row first (and the domains worst first).
 */
export function sortServices(
  services: ServiceOverhead[],
  sortBy: DomainOverheadOptions['sortBy'],
  compact: boolean
): Array<{ service: ServiceOverhead; rows: OverheadRow[] }> {
  const by = compact ? 'band' : sortBy;
  const list = [...services];
  if (by === 'band') {
    list.sort(
      bySeverity(
        (s: ServiceOverhead) => worstRow(s).band,
        (s) => s.service,
        (a, b) => byOverhead(worstRow(a), worstRow(b))
      )
    );
  } else {
    list.sort((a, b) => a.service.localeCompare(b.service));
  }
  return list.map((service) => ({ service, rows: sortRows(service.domains, by) }));
}

/** The end of the bars' common scale: the largest value or critical threshold, with a little room. */
export function scaleMax(rows: OverheadRow[]): number {
  let max = 0;
  for (const r of rows) {
    max = Math.max(max, r.overhead ?? 0, r.thresholds.critical);
  }
  return max > 0 ? max * 1.05 : 1;
}
