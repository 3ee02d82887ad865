import { parseDuration } from './duration';
import { hasData } from './subscore';
import { budgetRemaining, burnRate, periodLength, periodRatioOf, ratioFor, type ErrorRatios } from './sla';
import type { Band, BudgetPolicy, SlaSettings } from './types';

/** Policy states, mildest first. */
export const POLICY_STATES = ['ok', 'warn', 'page', 'freeze'] as const;
export type PolicyState = (typeof POLICY_STATES)[number];

export interface BudgetWindow {
  window: string;
  /** Burn rate over the window; null without data. */
  burnRate: number | null;
  /**
   * Seconds until the budget is spent if errors go on at this window's burn rate: remaining budget x period
   * length / burn rate; 0 when the budget is already spent; null when the burn rate is 0 (never) or unknown.
   */
  exhaustionSeconds: number | null;
}

export interface BudgetReport {
  /** Percent of the period's error budget spent (above 100 when overspent); null without data. */
  spent: number | null;
  /** One entry per policy window, in policy order. */
  windows: BudgetWindow[];
  /** 'nodata' when the spent is unknown, or when a window is unknown and the known numbers would pass (ok, warn). */
  state: PolicyState | 'nodata';
}

/** The band each policy state is drawn in. */
export const POLICY_BANDS: Record<PolicyState | 'nodata', Band> = {
  ok: 'ok',
  warn: 'info',
  page: 'warning',
  freeze: 'critical',
  nodata: 'nodata',
};

/** The policy state's number for alert measures: 0 ok, 1 warn, 2 page, 3 freeze; null for 'nodata'. */
export const policyLevel = (state: PolicyState | 'nodata'): number | null =>
  state === 'nodata' ? null : POLICY_STATES.indexOf(state);

/** The policy state a spent percent alone puts a service in. */
export function spentState(policy: BudgetPolicy, spent: number): PolicyState {
  if (spent >= policy.freezeSpent) {
    return 'freeze';
  }
  if (spent >= policy.pageSpent) {
    return 'page';
  }
  return spent >= policy.warnSpent ? 'warn' : 'ok';
}

/** Exhaustion time in seconds: see BudgetWindow.exhaustionSeconds. */
export function exhaustionSeconds(remaining: number | null, rate: number | null, periodMs: number): number | null {
  if (!hasData(remaining) || !hasData(rate)) {
    return null;
  }
  if (remaining <= 0) {
    return 0;
  }
  return rate > 0 ? (remaining * periodMs) / 1000 / rate : null;
}

/**
 * Budget spent, burn rate and projected exhaustion per policy window, and the policy state, from error ratios
 * keyed by window (and "period"), as slaReport takes them, measured at `at` (ms). A group's state is its
 * services' rolled up by worstPolicyState.
 */
export function budgetReport(
  sla: Pick<SlaSettings, 'target' | 'period' | 'budgetPolicy'>,
  ratios: ErrorRatios,
  at: number
): BudgetReport {
  const policy = sla.budgetPolicy;
  const remaining = budgetRemaining(periodRatioOf(ratios, sla.period), sla.target);
  const periodMs = periodLength(sla.period, at);
  const windows = policy.windows.map((window): BudgetWindow => {
    const rate = burnRate(ratioFor(ratios, window), sla.target);
    return { window, burnRate: rate, exhaustionSeconds: exhaustionSeconds(remaining, rate, periodMs) };
  });
  if (!hasData(remaining)) {
    return { spent: null, windows, state: 'nodata' };
  }
  const spent = 100 * (1 - remaining);
  const limit = parseDuration(policy.freezeExhaustion)! / 1000;
  const exhausting = windows.some((w) => w.exhaustionSeconds !== null && w.exhaustionSeconds < limit);
  const state = exhausting ? 'freeze' : spentState(policy, spent);
  const unknown = windows.some((w) => w.burnRate === null);
  return { spent, windows, state: unknown && (state === 'ok' || state === 'warn') ? 'nodata' : state };
}

/** Whether a policy state fails the policy's gate (`check --budget`): page, freeze or no data; ok and warn pass. */
export const failsPolicy = (state: PolicyState | 'nodata'): boolean =>
  (policyLevel(state) ?? Infinity) >= POLICY_STATES.indexOf('page');

/** When the budget runs out at a window's burn rate, in words: hours up to two days, then days. */
export function exhaustionText(w: BudgetWindow): string {
  if (w.burnRate === null) {
    return 'no data';
  }
  if (w.exhaustionSeconds === null) {
    return 'never';
  }
  if (w.exhaustionSeconds === 0) {
    return 'spent';
  }
  const hours = w.exhaustionSeconds / 3600;
  return hours < 48 ? `in ${hours.toFixed(1)} h` : `in ${(hours / 24).toFixed(1)} d`;
}

/**
 * A group's policy state from its members' (services' or nested groups'): the worst page or freeze if any
 * member has one; else 'nodata' when a member has no state, or there is no member (missing data never passes);
 * else the worst state.
 * Rolling up nested groups first gives the same state as rolling up all their services at once.
 */
export function worstPolicyState(states: Array<PolicyState | 'nodata'>): PolicyState | 'nodata' {
  const level = (s: PolicyState | 'nodata') => policyLevel(s) ?? -1;
  const worst = states.reduce<PolicyState | 'nodata'>((w, s) => (level(s) > level(w) ? s : w), 'ok');
  const unknown = states.length === 0 || states.includes('nodata');
  return level(worst) < POLICY_STATES.indexOf('page') && unknown ? 'nodata' : worst;
}
