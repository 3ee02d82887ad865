/** Whether a lower or a higher value of an indicator is healthier. */
export type Direction = 'lower' | 'higher';

/** How the indicators' sub-scores combine into one health score. */
export type Aggregation = 'weighted' | 'worst';

/** The band of a score or sub-score; `nodata` when there is nothing to score. */
export type Band = 'ok' | 'info' | 'warning' | 'critical' | 'nodata';

export type Severity = 'critical' | 'warning' | 'info';

/** Thresholds in the unit of the value they judge. For direction `lower`: target < warning < critical. */
export interface Thresholds {
  target: number;
  warning: number;
  critical: number;
}

export interface Indicator extends Thresholds {
  id: string;
  name: string;
  unit: string;
  direction: Direction;
  weight: number;
  /** A key indicator caps the score at its own sub-score; with weight 0 it is a pure gate. */
  key: boolean;
  enabled: boolean;
  query: string;
}

export type DomainMode = 'share' | 'baseline';

export interface DomainSettings {
  defaults: Thresholds;
  overrides: Record<string, Thresholds>;
  system: Thresholds;
  mode: DomainMode;
  baselineOffset: string;
  /** share mode: time spent in each domain (per service and domain). */
  domainTimeQuery: string;
  /** share mode: total request time (per service). */
  totalTimeQuery: string;
  /** baseline mode: mean latency of each domain, compared with itself `baselineOffset` earlier. */
  domainLatencyQuery: string;
}

export interface BurnRateTier {
  name: string;
  budgetFraction: number;
  longWindow: string;
  shortWindow: string;
  severity: Severity;
  enabled: boolean;
}

export interface SlaSettings {
  /** Percent, e.g. 99.9. */
  target: number;
  /** A duration ("30d", rolling) or "month" (calendar month, UTC). */
  period: string;
  mttrTarget: string;
  /** Seconds; must be a bucket bound of the latency histogram. */
  latencyThreshold: number;
  /** Percent of requests that must be faster than latencyThreshold. */
  latencyTarget: number;
  burnRateTiers: BurnRateTier[];
  /** Error ratio (0..1) over `$window`. */
  errorRatioQuery: string;
  /** Fraction (0..1) of requests faster than `$latencyThreshold` over `$window`. */
  latencyComplianceQuery: string;
  /** Error-budget policy (src/scoring/budget.ts); the defaults when the profile has none. */
  budgetPolicy: BudgetPolicy;
}

/** When a service (or group) is warned, paged or frozen by how much of its error budget is gone. */
export interface BudgetPolicy {
  /** Percent of the period's budget spent: policy state "warn" at or above. */
  warnSpent: number;
  /** "page" at or above. */
  pageSpent: number;
  /** "freeze" at or above. */
  freezeSpent: number;
  /** "freeze" too when the projected time to exhaustion at any window is under this duration. */
  freezeExhaustion: string;
  /** Burn-rate windows the projection uses. */
  windows: string[];
}

/** The scoring profile: the JSON document the settings page edits, the datasource reads and the CLI takes. */
export interface Profile {
  aggregation: Aggregation;
  /**
   * The label that names services in the user's metrics (`service`, `job`, `service_name`, `app`, ...). Results
   * are grouped by it; PerfScope's own output calls it `service`.
   */
  serviceLabel: string;
  /** When true, a key indicator without data does not fail a gate (`perfscope check`); missing data is still reported. */
  allowMissing: boolean;
  indicators: Indicator[];
  domains: DomainSettings;
  sla: SlaSettings;
  /** Portfolio groups (products, user journeys) scored from their members; [] when the profile has none. */
  groups: Group[];
}

/** A product or user journey: services and nested groups scored together (src/scoring/group.ts). */
export interface Group {
  /** Unique among groups; `check --group ID` and the label `group` of the alert measure. */
  id: string;
  name: string;
  /** Service names (values of the profile's serviceLabel), exact. */
  services: string[];
  /** Ids of nested groups (no cycles). */
  groups: string[];
  aggregation: Aggregation;
  /** Member (service name or group id) -> weight; absent = 1. */
  weights: Record<string, number>;
  /** Members whose score caps the group's score (like key indicators). */
  keyMembers: string[];
  /** N-of-M rules; the worst band among those that hold wins. */
  rules: GroupRule[];
}

/** "band when at least N (or more than P %) of the members are in `members` or worse". */
export interface GroupRule {
  band: Severity;
  members: Severity;
  /** At least this many members (an integer >= 1); exactly one of atLeast and morePercent. */
  atLeast?: number;
  /** More than this percent of the members (0 <= P < 100). */
  morePercent?: number;
}
