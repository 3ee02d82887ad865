import { parseDuration } from './duration';
import { hasData } from './subscore';
import type { BurnRateTier, Severity, SlaSettings } from './types';

const HOUR = 3600e3;

/** Error ratios (0..1) keyed by window ("5m", "1h", ...) and "period" (or the period's own string). */
export type ErrorRatios = Record<string, number | null | undefined>;

export interface TierState {
  name: string;
  severity: Severity;
  /** budgetFraction x period hours / long window hours: the burn rate that spends that fraction in the window. */
  factor: number;
  longWindow: string;
  shortWindow: string;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** Both burn rates strictly above the factor. */
  firing: boolean;
}

export interface SlaReport {
  /** Percent over the period; null without data. */
  availability: number | null;
  /** 1 - errorRatio / allowedErrorRatio(target): 1 untouched, 0 spent, below 0 overspent. */
  budgetRemaining: number | null;
  /** Burn rate per window the enabled tiers use, keyed as the profile writes the window. */
  burnRates: Record<string, number | null>;
  /** The enabled tiers, in profile order. */
  tiers: TierState[];
}

/** Length of the SLA period in milliseconds; "month" is the calendar month (UTC) that contains `at`. */
export function periodLength(period: string, at: number): number {
  if (period === 'month') {
    const d = new Date(at);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const ms = parseDuration(period);
  if (ms === null) {
    throw new Error(`invalid SLA period ${JSON.stringify(period)}`);
  }
  return ms;
}

/** Start of the SLA window that ends at `at`: the calendar month's first instant for "month". */
export function periodStart(period: string, at: number): number {
  if (period === 'month') {
    const d = new Date(at);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  return at - periodLength(period, at);
}

/**
 * The window the period's error ratio is measured over at `at` (ms): the rolling period, or the time since the
 * calendar month began (0 at its first instant, when there is nothing to measure yet).
 */
export const periodWindow = (period: string, at: number): number =>
  period === 'month' ? at - periodStart(period, at) : periodLength(period, at);

/** Availability (%) from an error ratio: 100 x (1 - ratio). */
export const availability = (errorRatio: number): number => 100 * (1 - errorRatio);

export const tierFactor = (tier: Pick<BurnRateTier, 'budgetFraction' | 'longWindow'>, periodMs: number): number =>
  (tier.budgetFraction * (periodMs / HOUR)) / (parseDuration(tier.longWindow)! / HOUR);

/**
 * The error ratio the SLO allows, 1 - target/100, rounded to 14 decimal places so that a decimal target gives
 * the decimal budget it means: 99.9 allows 0.001, where 1 - 99.9/100 is 0.00099999999999989 and would make a
 * burn rate exactly on a tier's factor fire.
 */
export const allowedErrorRatio = (target: number): number => Math.round((100 - target) * 1e12) / 1e14;

/** Error budget remaining after an error ratio: 1 untouched, 0 spent, below 0 overspent. */
export function budgetRemaining(errorRatio: number | null | undefined, target: number): number | null {
  return hasData(errorRatio) ? 1 - errorRatio / allowedErrorRatio(target) : null;
}

/** Burn rate: how many times faster than "exactly on budget" errors are spent. */
export function burnRate(errorRatio: number | null | undefined, target: number): number | null {
  return hasData(errorRatio) ? errorRatio / allowedErrorRatio(target) : null;
}

/** Looks a window up by its string, then by equal duration ("60m" finds "1h"). */
export function ratioFor(ratios: ErrorRatios, window: string): number | null {
  if (hasData(ratios[window])) {
    return ratios[window]!;
  }
  const ms = parseDuration(window);
  const match = Object.keys(ratios).find((key) => ms !== null && parseDuration(key) === ms);
  return match !== undefined && hasData(ratios[match]) ? ratios[match]! : null;
}

/** The period's error ratio: keyed "period", or by the period's own string (or an equal duration). */
export const periodRatioOf = (ratios: ErrorRatios, period: string): number | null =>
  hasData(ratios.period) ? ratios.period : ratioFor(ratios, period);

/** Availability, error budget, burn rates and tier states from error ratios measured at time `at` (ms). */
export function slaReport(
  sla: Pick<SlaSettings, 'target' | 'period' | 'burnRateTiers'>,
  ratios: ErrorRatios,
  at: number
): SlaReport {
  const periodRatio = periodRatioOf(ratios, sla.period);
  const periodMs = periodLength(sla.period, at);
  const burnRates: Record<string, number | null> = {};
  const tiers = sla.burnRateTiers
    .filter((tier) => tier.enabled)
    .map((tier): TierState => {
      const longBurnRate = burnRate(ratioFor(ratios, tier.longWindow), sla.target);
      const shortBurnRate = burnRate(ratioFor(ratios, tier.shortWindow), sla.target);
      burnRates[tier.longWindow] = longBurnRate;
      burnRates[tier.shortWindow] = shortBurnRate;
      const factor = tierFactor(tier, periodMs);
      return {
        name: tier.name,
        severity: tier.severity,
        factor,
        longWindow: tier.longWindow,
        shortWindow: tier.shortWindow,
        longBurnRate,
        shortBurnRate,
        firing: longBurnRate !== null && shortBurnRate !== null && longBurnRate > factor && shortBurnRate > factor,
      };
    });
  return {
    availability: hasData(periodRatio) ? availability(periodRatio) : null,
    budgetRemaining: budgetRemaining(periodRatio, sla.target),
    burnRates,
    tiers,
  };
}

export interface HistogramBucket {
  /** Upper bound; +Inf for the last bucket. */
  le: number;
  /** Cumulative count (or rate) of observations <= le. */
  count: number;
}

/**
 * Fraction (0..1) of requests at or under `threshold` from cumulative histogram buckets: the bucket whose
 * bound equals the threshold over the +Inf bucket. Null when the threshold is not a bound or nothing was seen.
 */
export function latencyCompliance(buckets: HistogramBucket[], threshold: number): number | null {
  const under = buckets.find((b) => b.le === threshold);
  const all = buckets.find((b) => b.le === Infinity);
  if (!under || !all || !hasData(under.count) || !hasData(all.count) || all.count <= 0) {
    return null;
  }
  return under.count / all.count;
}
