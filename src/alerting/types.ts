import type { Severity } from '../scoring';

/** Where the built rules point: datasource and folder UIDs of the Grafana they go to. */
export interface AlertTargets {
  prometheusUid: string;
  /** The PerfScope datasource: the health score, overhead and burn-rate tier rules query it. */
  perfscopeUid: string;
  folderUid: string;
}

/** Choices the profile does not hold; every field has a default. */
export interface AlertOptions {
  /** Value of the `team` label on every rule. */
  team: string;
  /** The traffic guard: request-driven alerts stay silent below this many requests per second. */
  minRequestsPerSecond: number;
  /** Window that replaces `$__rate_interval` in the profile's queries. */
  rateWindow: string;
  /** Database pool usage (percent) above which the warning fires. */
  dbPoolWarning: number;
  /** Percent by which p95 latency may exceed its value 7 days earlier before the info alert fires. */
  regressionPercent: number;
  /** Memory growth (bytes per day, sustained over 3 days) above which the info alert fires. */
  memoryGrowthBytesPerDay: number;
}

export type NoDataState = 'NoData' | 'Alerting' | 'OK' | 'KeepLast';
export type ExecErrState = 'Error' | 'Alerting' | 'OK' | 'KeepLast';

/** One query or expression of a Grafana-managed rule, as the provisioning HTTP API takes it. */
export interface AlertQuery {
  refId: string;
  queryType: string;
  relativeTimeRange: { from: number; to: number };
  datasourceUid: string;
  model: Record<string, unknown>;
}

/** A Grafana-managed alert rule in the alerting provisioning HTTP API shape. */
export interface GrafanaAlertRule {
  uid: string;
  title: string;
  ruleGroup: string;
  folderUID: string;
  condition: string;
  data: AlertQuery[];
  for: string;
  noDataState: NoDataState;
  execErrState: ExecErrState;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused?: boolean;
  orgID?: number;
  /** Set by Grafana on rules it returns: `file` for provisioned ones, which the API cannot change. */
  provenance?: string;
}

export interface PrometheusRecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface PrometheusAlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type PrometheusRule = PrometheusRecordingRule | PrometheusAlertingRule;

export interface PrometheusRuleGroup {
  name: string;
  interval: string;
  rules: PrometheusRule[];
}

/** A Prometheus (or Mimir, Thanos, VictoriaMetrics) rule file. */
export interface PrometheusRuleFile {
  groups: PrometheusRuleGroup[];
}

export type { Severity };
