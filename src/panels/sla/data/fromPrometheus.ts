import {
  breachIntervals,
  budgetRemaining,
  budgetReport,
  errorRatios,
  gridTimestamps,
  inBreach,
  monthBurnDown,
  monthlyCompliance,
  slaReport,
  type ErrorRatios,
  type Indicator,
  type SlaSettings,
} from '../../../scoring';
import { onGrid, resultGrid, type LabelledSeries } from '../../../scoring/frames';
import { defaultQueries, type SlaRole } from '../types';
import type { ServiceSla, SlaView } from './model';

const lastValue = (s: LabelledSeries | undefined) => {
  for (let i = (s?.values.length ?? 0) - 1; i >= 0; i--) {
    if (Number.isFinite(s!.values[i])) {
      return s!.values[i];
    }
  }
  return null;
};

/** What the errors and requests rates tell about one service. */
export interface FromRates extends Pick<ServiceSla, 'mttr' | 'history'> {
  /** A calendar-month SLA's burn-down (null for a rolling period), and why it is missing or starts late. */
  monthly: { burnDown: ServiceSla['burnDown']; problem: string | null };
}

const NO_RATES = "No budget burn-down: a calendar month's is measured from the request and error rates queries";

/**
 * What the errors and requests rates tell about one service: its breaches, its monthly compliance and, for a
 * calendar-month SLA, its budget burn-down from the time range's start `from` on.
 */
export function fromRates(
  errors: LabelledSeries | undefined,
  requests: LabelledSeries | undefined,
  sla: SlaSettings,
  breach: Indicator | undefined,
  from: number
): FromRates {
  const month = sla.period === 'month';
  const grid = errors && requests ? resultGrid([errors, requests]) : null;
  if (!grid || !errors || !requests) {
    return { mttr: null, history: [], monthly: { burnDown: null, problem: month ? NO_RATES : null } };
  }
  const e = onGrid(errors, grid);
  const r = onGrid(requests, grid);
  const inBreachAt = Array.from(errorRatios(e, r), (v) =>
    breach ? inBreach(100 * v, breach, breach.direction) : false
  );
  return {
    mttr: breach ? breachIntervals(gridTimestamps(grid), inBreachAt, grid.step) : null,
    history: monthlyCompliance(e, r, grid, sla),
    monthly: month ? burnDownFrom(e, r, grid, sla, from) : { burnDown: null, problem: null },
  };
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A calendar-month SLA's burn-down from the time range's start `from` on, and why it is missing or starts late. */
function burnDownFrom(
  e: ArrayLike<number>,
  r: ArrayLike<number>,
  grid: NonNullable<ReturnType<typeof resultGrid>>,
  sla: SlaSettings,
  from: number
): FromRates['monthly'] {
  const { values, firstMonth } = monthBurnDown(e, r, grid, sla, from);
  if (firstMonth === null) {
    return {
      burnDown: null,
      problem: `No budget burn-down: a calendar month's is measured from its 1st, and the time range (from ${day(from)}) starts after it`,
    };
  }
  return {
    burnDown: { timestamps: gridTimestamps(grid), values },
    problem:
      firstMonth > grid.start
        ? `Budget burn-down from ${day(firstMonth)}: the month before began before the time range`
        : null,
  };
}

/** Errors per second: an error ratio over time times the requests per second at the same timestamps. */
function errorRate(ratio: LabelledSeries, requests: LabelledSeries): LabelledSeries {
  const grid = resultGrid([ratio, requests]);
  if (!grid) {
    return ratio; // neither has a sample
  }
  const r = onGrid(requests, grid);
  const values = Float64Array.from(onGrid(ratio, grid), (v, i) => v * r[i]);
  return { ...ratio, timestamps: gridTimestamps(grid), values };
}

/**
 * Each service's SLA from raw queries: error ratios per window (series labelled `window`, instant), the
 * period's error ratio over time (the budget burn-down), latency compliance, and request and error rates
 * (breaches for MTTR, and the calendar-month history), with the library's SLA maths at time `at`.
 */
export function slaFromSeries(
  series: LabelledSeries[],
  sla: SlaSettings,
  breach: Indicator | undefined,
  queries: Partial<Record<SlaRole, string>>,
  range: { from: number; to: number }
): SlaView {
  const at = range.to;
  const problems: string[] = [];
  const byRole = (role: SlaRole) => {
    const id = queries[role] || defaultQueries[role];
    return series.filter((s) => s.refId === id || s.name === id);
  };
  const byService = (list: LabelledSeries[]) => new Map(list.map((s) => [s.labels.service ?? '', s]));
  const windows = byRole('windows');
  // The period query may also return the error ratio over time at the requests' window (labelled window): with
  // no errors query, that ratio times the requests is the error rate.
  const requestWindows = new Set(byRole('requests').map((s) => s.labels.window));
  const isRate = (s: LabelledSeries) =>
    s.labels.window !== undefined && s.labels.window !== sla.period && requestWindows.has(s.labels.window);
  const period = byService(byRole('period').filter((s) => !isRate(s)));
  const ratios = byRole('period').filter(isRate);
  const latency = byService(byRole('latency'));
  const requests = byService(byRole('requests'));
  const errors = byService(byRole('errors'));
  for (const [service, r] of requests) {
    const ratio = ratios.find((s) => (s.labels.service ?? '') === service && s.labels.window === r.labels.window);
    if (!errors.has(service) && ratio) {
      errors.set(service, errorRate(ratio, r));
    }
  }
  const names = new Set<string>([...windows.map((s) => s.labels.service ?? ''), ...period.keys(), ...errors.keys()]);

  const byWindow = new Map<string, ErrorRatios>();
  for (const s of windows) {
    const window = s.labels.window;
    if (!window) {
      problems.push(`Query ${s.refId}: a series without a window label (label each error ratio with its window)`);
      continue;
    }
    const r = byWindow.get(s.labels.service ?? '') ?? {};
    r[window === sla.period || window === 'period' ? 'period' : window] = lastValue(s);
    byWindow.set(s.labels.service ?? '', r);
  }
  const services = [...names].sort().map((service): ServiceSla => {
    const r = { ...byWindow.get(service) };
    const periodSeries = period.get(service);
    r.period ??= lastValue(periodSeries);
    const { monthly, ...rates } = fromRates(errors.get(service), requests.get(service), sla, breach, range.from);
    if (monthly.problem) {
      problems.push(monthly.problem);
    }
    return {
      service,
      report: slaReport(sla, r, at),
      budget: budgetReport(sla, r, at),
      latencyCompliance: lastValue(latency.get(service)),
      // A fixed window's ratio is the rolling period's budget at every timestamp, a calendar month's only at one.
      burnDown:
        sla.period === 'month'
          ? monthly.burnDown
          : periodSeries
            ? {
                timestamps: periodSeries.timestamps,
                values: Float64Array.from(periodSeries.values, (v) => budgetRemaining(v, sla.target) ?? NaN),
              }
            : null,
      ...rates,
    };
  });
  return { source: 'prometheus', services, problems: [...new Set(problems)] };
}
