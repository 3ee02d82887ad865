import { parseDuration, periodLength, type Indicator, type Profile } from '../scoring';
import { finite, formulas, num, str, subScore, union, withLabel, withOffset } from '../scoring/promql';
import { expand as expandVariables } from './promql';
import type { AlertOptions } from './types';

/**
 * Every number PerfScope's rules judge, as PromQL. `rawSignals` computes each from the metrics (what the
 * recording rules, and Grafana's rules on raw signals and traffic, run, so they work on any Prometheus);
 * `recordedSignals` reads the series that provisioning/prometheus/perfscope.rules.yml records (what
 * Prometheus rules and the dashboards read). Both carry a `service` label and agree to rounding; the
 * recording rules are the raw formulas over recorded inputs (see prometheus.ts).
 */
export interface Signals {
  /** The indicator's value per service, finite samples only. */
  value(ind: Indicator): string;
  /** Its sub-score, labelled `indicator`. */
  subScore(ind: Indicator): string;
  /** Requests per second (over `window`) of each service that has no value of the indicator. */
  missing(ind: Indicator, window: string): string;
  health(): string;
  requestsPerSecond(window: string): string;
  errorRatio(window: string): string;
  burnRate(window: string): string;
  /** Fraction (0..1) of requests faster than the SLA's latency threshold. */
  latencyCompliance(window: string): string;
  /** Percent of the SLA period's error budget spent (src/scoring/budget.ts). */
  budgetSpent(): string;
  /** Seconds until the budget is spent at the burn rate over `window`, labelled window; none while nothing burns. */
  exhaustionSeconds(window: string): string;
  /** The error-budget policy state's level: 0 ok, 1 warn, 2 page, 3 freeze. */
  policyState(): string;
  /** Percent per service and domain. */
  domainOverhead(): string;
  systemOverhead(): string;
  dbPoolPercent(): string;
  /** Percent by which the latency indicator grew since the profile's baseline offset. */
  latencyRegression(): string;
  memoryGrowthPerDay(): string;
}

/** Recorded series names: the rule file records them, dashboards and Prometheus alerts read them. */
export const RECORDED = {
  value: 'perfscope:indicator_value',
  subScore: 'perfscope:indicator_subscore',
  health: 'perfscope:health_score',
  requestsPerSecond: 'perfscope:requests_per_second',
  errorRatio: 'perfscope:error_ratio',
  burnRate: 'perfscope:burn_rate',
  domainOverhead: 'perfscope:domain_overhead',
  systemOverhead: 'perfscope:system_overhead',
  dbPoolPercent: 'perfscope:db_pool_usage_percent',
  latencyRegression: 'perfscope:latency_p95_regression_percent',
  memoryGrowthPerDay: 'perfscope:memory_growth_bytes_per_day',
  availability: 'perfscope:availability',
  budgetRemaining: 'perfscope:error_budget_remaining',
  latencyCompliance: 'perfscope:latency_compliance',
  budgetSpent: 'perfscope:error_budget_spent_percent',
  exhaustionSeconds: 'perfscope:error_budget_exhaustion_seconds',
  policyState: 'perfscope:error_budget_policy_state',
} as const;

/** The indicator the latency regression and its alert follow. */
export const LATENCY_INDICATOR = 'latency_p95';
/** The window memory growth is measured over: "growing for 3 days". */
export const GROWTH_WINDOW = '3d';

const DAY_SECONDS = 86400;
const ALL = '.+';

/**
 * The SLA period as a rule's window. A rule runs at any time and a PromQL range is a fixed duration, so a
 * calendar month (which the CLI and the datasource measure from its 1st, src/scoring's periodWindow) is
 * approximated in rules by the 30 days before each evaluation.
 */
export const rulePeriodWindow = (profile: Profile): string =>
  profile.sla.period === 'month' ? '30d' : profile.sla.period;

/** The query of the `throughput` indicator (enabled or not), else requests per second as docs/metrics.md names them. */
function throughputQuery(profile: Profile): { query: string; where: string } {
  const i = profile.indicators.findIndex((ind) => ind.id === 'throughput');
  return i >= 0
    ? { query: profile.indicators[i].query, where: `indicators[${i}].query` }
    : {
        query: `sum by (${profile.serviceLabel}) (rate(http_requests_total{${profile.serviceLabel}=~"$service"}[$__rate_interval]))`,
        where: 'throughput',
      };
}

/** The template variables of the profile's queries, filled in for a rule. */
function ruleVariables(options: Pick<AlertOptions, 'rateWindow'>, extra: Record<string, string> = {}) {
  return { service: ALL, domain: ALL, __rate_interval: options.rateWindow, __range: options.rateWindow, ...extra };
}

/**
 * A profile query's result with its service also under `service`, the name PerfScope's rules, recorded series
 * and alert labels use (as the PerfScope datasource's frames do), whatever label the profile groups by.
 */
export function asService(expr: string, serviceLabel: string): string {
  return serviceLabel === 'service' ? expr : `label_replace(${expr}, "service", "$1", ${str(serviceLabel)}, "(.*)")`;
}

/** The traffic of every service that `value` has no sample of (a value is finite or absent, see finite). */
const missing = (traffic: string, value: string) => `sum by (service) (${traffic}) unless on (service) (${value})`;

/** Signals computed from the raw metrics with the profile's queries. */
export function rawSignals(profile: Profile, options: Pick<AlertOptions, 'rateWindow'>): Signals {
  const where = (ind: Indicator) => `indicators[${profile.indicators.indexOf(ind)}].query`;
  const label = profile.serviceLabel;
  const expand = (q: string, values: Record<string, string>, at: string) =>
    asService(expandVariables(q, values, at), label);
  const query = (ind: Indicator) => expand(ind.query, ruleVariables(options), where(ind));
  // PerfScope's own metrics (docs/metrics.md), grouped by the profile's service label.
  const own = (expr: (l: string) => string) => asService(expr(label), label);
  const latency = () => {
    const ind = profile.indicators.find((i) => i.id === LATENCY_INDICATOR);
    if (!ind) {
      throw new Error(`the profile has no ${LATENCY_INDICATOR} indicator to compare with its baseline`);
    }
    return ind;
  };
  const d = profile.domains;
  const signals: Signals = {
    value: (ind) => finite(query(ind)),
    subScore: (ind) => withLabel(subScore(signals.value(ind), ind, ind.direction), 'indicator', ind.id),
    missing: (ind, window) => missing(signals.requestsPerSecond(window), signals.value(ind)),
    health: () => formulas.health(profile, signals.subScore, signals.value),
    requestsPerSecond: (window) => {
      const t = throughputQuery(profile);
      return expand(t.query, ruleVariables(options, { __rate_interval: window }), t.where);
    },
    errorRatio: (window) =>
      finite(expand(profile.sla.errorRatioQuery, ruleVariables(options, { window }), 'sla.errorRatioQuery')),
    burnRate: (window) => formulas.burnRate(signals.errorRatio(window), profile.sla.target),
    latencyCompliance: (window) => {
      const values = ruleVariables(options, { window, latencyThreshold: num(profile.sla.latencyThreshold) });
      return finite(expand(profile.sla.latencyComplianceQuery, values, 'sla.latencyComplianceQuery'));
    },
    budgetSpent: () => formulas.budgetSpent(signals.errorRatio(rulePeriodWindow(profile)), profile.sla.target),
    exhaustionSeconds: (window) => {
      const remaining = formulas.budgetRemaining(signals.errorRatio(rulePeriodWindow(profile)), profile.sla.target);
      const seconds = formulas.exhaustionSeconds(remaining, signals.burnRate(window), rulePeriodSeconds(profile));
      return withLabel(seconds, 'window', window);
    },
    policyState: () => policyState(profile, signals),
    domainOverhead: () => {
      if (d.mode === 'baseline') {
        const q = expand(d.domainLatencyQuery, ruleVariables(options), 'domains.domainLatencyQuery');
        const then = withOffset(q, d.baselineOffset, 'domains.domainLatencyQuery');
        return finite(`100 * ((${q}) - (${then})) / ((${then}) > 0)`);
      }
      const part = expand(d.domainTimeQuery, ruleVariables(options), 'domains.domainTimeQuery');
      const whole = expand(d.totalTimeQuery, ruleVariables(options), 'domains.totalTimeQuery');
      return finite(`100 * (${part}) / on (service) group_left () ((${whole}) > 0)`);
    },
    systemOverhead: () => formulas.systemOverhead(signals.domainOverhead()),
    dbPoolPercent: () =>
      own(
        (l) =>
          `100 * sum by (${l}) (db_pool_connections_in_use{${l}=~${str(ALL)}}) / sum by (${l}) (db_pool_connections_max{${l}=~${str(ALL)}} > 0)`
      ),
    latencyRegression: () => {
      const ind = latency();
      const then = finite(withOffset(query(ind), d.baselineOffset, where(ind)));
      return finite(formulas.change(`(${signals.value(ind)})`, `(${then}) > 0`));
    },
    memoryGrowthPerDay: () =>
      own(
        (l) =>
          `sum by (${l}) (deriv(process_resident_memory_bytes{${l}=~${str(ALL)}}[${GROWTH_WINDOW}])) * ${DAY_SECONDS}`
      ),
  };
  return signals;
}

/** Signals read from the recorded series. */
export function recordedSignals(): Signals {
  const sel = (name: string, labels: Record<string, string> = {}) => {
    const matchers = Object.entries(labels).map(([k, v]) => `${k}=${str(v)}`);
    return matchers.length === 0 ? name : `${name}{${matchers.join(', ')}}`;
  };
  return {
    value: (ind) => sel(RECORDED.value, { indicator: ind.id }),
    subScore: (ind) => sel(RECORDED.subScore, { indicator: ind.id }),
    missing: (ind, window) =>
      missing(sel(RECORDED.requestsPerSecond, { window }), sel(RECORDED.value, { indicator: ind.id })),
    health: () => RECORDED.health,
    requestsPerSecond: (window) => sel(RECORDED.requestsPerSecond, { window }),
    errorRatio: (window) => sel(RECORDED.errorRatio, { window }),
    burnRate: (window) => sel(RECORDED.burnRate, { window }),
    latencyCompliance: (window) => sel(RECORDED.latencyCompliance, { window }),
    budgetSpent: () => RECORDED.budgetSpent,
    exhaustionSeconds: (window) => sel(RECORDED.exhaustionSeconds, { window }),
    policyState: () => RECORDED.policyState,
    domainOverhead: () => RECORDED.domainOverhead,
    systemOverhead: () => RECORDED.systemOverhead,
    dbPoolPercent: () => RECORDED.dbPoolPercent,
    latencyRegression: () => RECORDED.latencyRegression,
    memoryGrowthPerDay: () => RECORDED.memoryGrowthPerDay,
  };
}

/** Every window the enabled burn-rate tiers and the budget policy use, shortest first, without repeats. */
export function tierWindows(profile: Profile): string[] {
  const windows = profile.sla.burnRateTiers.filter((t) => t.enabled).flatMap((t) => [t.longWindow, t.shortWindow]);
  return [...new Set([...windows, ...profile.sla.budgetPolicy.windows])].sort(
    (a, b) => parseDuration(a)! - parseDuration(b)!
  );
}

/** The rule period's length in seconds (30 days for a calendar month, as rulePeriodWindow). */
export const rulePeriodSeconds = (profile: Profile): number => periodLength(rulePeriodWindow(profile), 0) / 1000;

/** The policy state from a signal set's budget spent and each policy window's exhaustion. */
export function policyState(profile: Profile, s: Signals): string {
  const policy = profile.sla.budgetPolicy;
  const exhaustion = union(policy.windows.map((w) => s.exhaustionSeconds(w)));
  return formulas.policyState(s.budgetSpent(), exhaustion, policy, parseDuration(policy.freezeExhaustion)! / 1000);
}
