import { slaReport, type Grid, type SlaSettings } from '../../../scoring';
import { onGrid, type LabelledSeries } from '../../../scoring/frames';
import type { MonthCompliance } from './model';

const monthKey = (t: number) => new Date(t).toISOString().slice(0, 7);
const monthStart = (t: number) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), 1);
const nextMonth = (t: number) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + 1, 1);

/** The error rate over the request rate at each grid timestamp: NaN where either is missing or no request. */
export function errorRatio(errors: LabelledSeries, requests: LabelledSeries, grid: Grid): Float64Array {
  const e = onGrid(errors, grid);
  const r = onGrid(requests, grid);
  return Float64Array.from(e, (v, t) => (r[t] > 0 ? v / r[t] : NaN));
}

/**
 * Availability per calendar month (UTC) from request and error rates sampled every step: the errors over
 * the requests of the month's samples, against the SLA target. A month the range only partly covers is
 * marked partial.
 */
export function monthlyCompliance(
  errors: LabelledSeries,
  requests: LabelledSeries,
  grid: Grid,
  sla: Pick<SlaSettings, 'target'>
): MonthCompliance[] {
  const e = onGrid(errors, grid);
  const r = onGrid(requests, grid);
  const months = new Map<string, { errors: number; requests: number; first: number; last: number }>();
  for (let k = 0; k < grid.length; k++) {
    const t = grid.start + k * grid.step;
    const m = months.get(monthKey(t)) ?? { errors: 0, requests: 0, first: t, last: t };
    if (Number.isFinite(e[k]) && Number.isFinite(r[k])) {
      m.errors += e[k];
      m.requests += r[k];
    }
    m.last = t;
    months.set(monthKey(t), m);
  }
  return [...months].map(([month, m]) => {
    const ratio = m.requests > 0 ? m.errors / m.requests : null;
    const availability = slaReport(
      { ...sla, period: 'month', burnRateTiers: [] },
      { period: ratio },
      m.first
    ).availability;
    return {
      month,
      availability,
      compliant: availability === null ? null : availability >= sla.target,
      partial: m.first - grid.step >= monthStart(m.first) || m.last + grid.step < nextMonth(m.first),
    };
  });
}
