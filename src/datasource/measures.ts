// The alert measures of pkg/models/measures.go. Grafana alerting thresholds every number of a response and
// refuses two with the same labels, so an alert query returns one number per labelled series: its measure.
// No Grafana imports here: the alert rule builder (src/alerting) and the CLI use this file too.

interface MeasureOption<V extends string> {
  value: V;
  label: string;
  description: string;
}

const option = <V extends string>(value: V, label: string, description: string): MeasureOption<V> => ({
  value,
  label,
  description,
});

/** Each query type's measures, the default first. */
export const MEASURES = {
  health: [
    option('score', 'Score', 'The health score of each service'),
    option('subScore', 'Sub-scores', 'The sub-score of each indicator (label indicator)'),
  ],
  domainOverhead: [
    option('system', 'System total', 'The overhead all domains add, per service'),
    option('domain', 'Each domain', 'The overhead of each domain (label domain)'),
  ],
  sla: [
    option('budgetRemaining', 'Budget remaining', 'Error budget left over the SLA period: 1 untouched, 0 spent'),
    option('availability', 'Availability', 'Percent of requests without a server error over the period'),
    option('latencyCompliance', 'Latency compliance', 'Fraction of requests within the latency threshold'),
    option('burnRate', 'Burn rates', 'Burn rate over each burn-rate tier and budget-policy window (label window)'),
    option('tierFiring', 'Tiers firing', '1 while a burn-rate tier fires, else 0 (labels tier, severity)'),
    option('budgetSpent', 'Budget spent', "Percent of the period's error budget spent"),
    option(
      'exhaustionSeconds',
      'Time to exhaustion',
      "Seconds until the budget is spent at each policy window's burn rate (label window; none when never)"
    ),
    option('policyState', 'Policy state', 'Error-budget policy: 0 ok, 1 warn, 2 page, 3 freeze'),
  ],
  mttr: [option('mttr', 'MTTR', 'Mean time to recovery over the range, in seconds')],
  group: [
    option('groupScore', 'Group score', 'The score of each group of the profile (label group)'),
    option(
      'groupPolicyState',
      'Group policy state',
      "Error-budget policy of each group, the worst of its services': 0 ok, 1 warn, 2 page, 3 freeze"
    ),
  ],
} as const;

export type MeasuredQueryType = keyof typeof MEASURES;
export type Measure = (typeof MEASURES)[MeasuredQueryType][number]['value'];

/** The measures of a query type (none for promql, which alerts on its own series). */
export const measuresOf = (queryType: string): ReadonlyArray<MeasureOption<Measure>> =>
  MEASURES[queryType as MeasuredQueryType] ?? [];

/** The fields of a PerfScope query an alert rule sets (pkg/models/query.go reads them). */
export interface PerfScopeAlertQuery {
  queryType: MeasuredQueryType;
  measure: Measure;
  /** Regular expressions, as Prometheus matches label values. */
  service?: string;
  domain?: string;
  excludeDomain?: string;
  /** tierFiring: one burn-rate tier of the profile. */
  tier?: string;
  /** group: a regular expression of group ids. */
  group?: string;
  rateInterval?: string;
}
