import { budgetRemaining, periodStart, slaReport, type Grid, type SlaSettings } from '../../../scoring';
import { onGrid, type LabelledSeries } from '../../../scoring/frames';
import type { MonthCompliance, ServiceSla } from './model';

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

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * A calendar-month SLA's error budget remaining at each grid timestamp t, measured from the start of t's month
 * (UTC) with the request and error rates: the errors over the requests of the month's samples up to t, each
 * sample counted in the month of its timestamp, as the monthly history counts it. A query with one fixed
 * window cannot give this: its window runs back into the month before. Timestamps whose month began before
 * `from` (the time range's start) are left out (NaN), as the rates do not cover the start of that month.
 */
export function monthBurnDown(
  errors: LabelledSeries,
  requests: LabelledSeries,
  grid: Grid,
  sla: Pick<SlaSettings, 'target'>,
  from: number
): { burnDown: ServiceSla['burnDown']; problem: string | null } {
  const e = onGrid(errors, grid);
  const r = onGrid(requests, grid);
  const timestamps = new Float64Array(grid.length);
  const values = new Float64Array(grid.length).fill(NaN);
  let month = NaN;
  let errorSum = 0;
  let requestSum = 0;
  let first = NaN;
  for (let k = 0; k < grid.length; k++) {
    const t = grid.start + k * grid.step;
    timestamps[k] = t;
    const start = periodStart('month', t);
    if (start < from) {
      continue;
    }
    if (start !== month) {
      [month, errorSum, requestSum] = [start, 0, 0];
    }
    if (Number.isFinite(e[k]) && Number.isFinite(r[k])) {
      errorSum += e[k];
      requestSum += r[k];
    }
    if (requestSum > 0) {
      values[k] = budgetRemaining(errorSum / requestSum, sla.target)!;
      first = Number.isNaN(first) ? start : first;
    }
  }
  if (Number.isNaN(first)) {
    return {
      burnDown: null,
      problem: `No budget burn-down: a calendar month's is measured from its 1st, and the time range (from ${day(from)}) starts after it`,
    };
  }
  const late = first > grid.start;
  return {
    burnDown: { timestamps, values },
    problem: late ? `Budget burn-down from ${day(first)}: the month before began before the time range` : null,
  };
}
