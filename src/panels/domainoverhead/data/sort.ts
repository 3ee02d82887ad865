import type { Band } from '../../../scoring';
import type { DomainOverheadOptions } from '../types';
import type { OverheadRow } from '../../../views/overhead/model';

const severity: Record<Band, number> = { critical: 0, warning: 1, info: 2, ok: 3, nodata: 4 };
const byOverhead = (a: OverheadRow, b: OverheadRow) => (b.overhead ?? -Infinity) - (a.overhead ?? -Infinity);

/** Domains in the panel's order: largest overhead first, worst band first, or by name. */
export function sortRows(rows: OverheadRow[], sortBy: DomainOverheadOptions['sortBy']): OverheadRow[] {
  const sorted = [...rows];
  if (sortBy === 'overhead') {
    sorted.sort((a, b) => byOverhead(a, b) || a.name.localeCompare(b.name));
  } else if (sortBy === 'band') {
    sorted.sort((a, b) => severity[a.band] - severity[b.band] || byOverhead(a, b) || a.name.localeCompare(b.name));
  } else {
    sorted.sort((a, b) => a.name.localeCompare(b.name));
  }
  return sorted;
}

/** The end of the bars' common scale: the largest value or critical threshold, with a little room. */
export function scaleMax(rows: OverheadRow[]): number {
  let max = 0;
  for (const r of rows) {
    max = Math.max(max, r.overhead ?? 0, r.thresholds.critical);
  }
  return max > 0 ? max * 1.05 : 1;
}
