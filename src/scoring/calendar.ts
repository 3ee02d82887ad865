import { objectiveMet } from './objectives';
import { availability, budgetRemaining, periodStart } from './sla';
import type { Grid } from './series';
import { hasData } from './subscore';
import type { SlaSettings } from './types';

// A calendar-month SLA measured from request and error rates sampled on a grid: the month's availability, and
// the budget burn-down from the 1st. A PromQL query with one fixed window cannot give either (its window runs
// back into the month before), so both sum the rates' samples, each counted in the month of its timestamp.

/** One calendar month (UTC) of an SLA's history. */
export interface MonthCompliance {
  /** "2026-01" (UTC). */
  month: string;
  /** Percent; null when the month has no requests in the range. */
  availability: number | null;
  compliant: boolean | null;
  /** The range covers only part of the month. */
  partial: boolean;
}

const monthKey = (t: number) => new Date(t).toISOString().slice(0, 7);
const nextMonth = (t: number) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + 1, 1);

/** The error rate over the request rate at each grid point: NaN where either is missing or nothing was requested. */
export const errorRatios = (errors: ArrayLike<number>, requests: ArrayLike<number>): Float64Array =>
  Float64Array.from({ length: errors.length }, (_, k) => (requests[k] > 0 ? errors[k] / requests[k] : NaN));

/**
 * Availability per calendar month (UTC) from error and request rates on the grid: the errors over the requests
 * of the month's samples, against the SLA target. A month the grid only partly covers is marked partial.
 */
export function monthlyCompliance(
  errors: ArrayLike<number>,
  requests: ArrayLike<number>,
  grid: Grid,
  sla: Pick<SlaSettings, 'target'>
): MonthCompliance[] {
  const months = new Map<string, { errors: number; requests: number; first: number; last: number }>();
  for (let k = 0; k < grid.length; k++) {
    const t = grid.start + k * grid.step;
    const m = months.get(monthKey(t)) ?? { errors: 0, requests: 0, first: t, last: t };
    if (hasData(errors[k]) && hasData(requests[k])) {
      m.errors += errors[k];
      m.requests += requests[k];
    }
    m.last = t;
    months.set(monthKey(t), m);
  }
  return [...months].map(([month, m]) => {
    const value = m.requests > 0 ? availability(m.errors / m.requests) : null;
    return {
      month,
      availability: value,
      compliant: objectiveMet('availability', value, sla),
      partial: m.first - grid.step >= periodStart('month', m.first) || m.last + grid.step < nextMonth(m.first),
    };
  });
}

/** A calendar-month SLA's budget burn-down on the grid, and the first month it starts in (null: none). */
export interface MonthBurnDown {
  /** Budget remaining at each grid point (NaN where it cannot be measured). */
  values: Float64Array;
  /** The start of the first month with a burn-down; null when there is none. */
  firstMonth: number | null;
}

/**
 * The error budget remaining at each grid point t, measured from the 1st of t's month (UTC): the errors over
 * the requests of the month's samples up to t. Points whose month began before `from` (the time range's start)
 * are left out (NaN): the rates do not cover the start of that month.
 */
export function monthBurnDown(
  errors: ArrayLike<number>,
  requests: ArrayLike<number>,
  grid: Grid,
  sla: Pick<SlaSettings, 'target'>,
  from: number
): MonthBurnDown {
  const values = new Float64Array(grid.length).fill(NaN);
  let month = NaN;
  let errorSum = 0;
  let requestSum = 0;
  let firstMonth: number | null = null;
  for (let k = 0; k < grid.length; k++) {
    const start = periodStart('month', grid.start + k * grid.step);
    if (start < from) {
      continue;
    }
    if (start !== month) {
      [month, errorSum, requestSum] = [start, 0, 0];
    }
    if (hasData(errors[k]) && hasData(requests[k])) {
      errorSum += errors[k];
      requestSum += requests[k];
    }
    if (requestSum > 0) {
      values[k] = budgetRemaining(errorSum / requestSum, sla.target)!;
      firstMonth ??= start;
    }
  }
  return { values, firstMonth };
}
