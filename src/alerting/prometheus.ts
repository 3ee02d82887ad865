import { parseDuration, type Profile } from '../scoring';
import {
  alertCatalogue,
  GROUPS,
  printValue,
  resolveOptions,
  ruleLabels,
  type AlertSpec,
  type GroupKey,
} from './catalogue';
import { RUNBOOKS } from './panels';
import { formulas, num, str, subScore } from '../scoring/promql';
import {
  LATENCY_INDICATOR,
  policyState,
  rulePeriodSeconds,
  rulePeriodWindow,
  rawSignals,
  RECORDED,
  recordedSignals,
  tierWindows,
} from './signals';
import type { AlertOptions, PrometheusRecordingRule, PrometheusRule, PrometheusRuleFile } from './types';

const DAY_MS = 86_400_000;

/**
 * The Prometheus rule file: recording rules for every series the alerts and the dashboards read (the health
 * score among them, so a dashboard load reads a few recorded series instead of raw histograms), and alerting
 * rules equal to the Grafana-managed ones (same thresholds, durations, labels and annotations), for teams that
 * alert with Prometheus, Mimir, Thanos or VictoriaMetrics rulers.
 */
export function buildPrometheusRules(profile: Profile, options: Partial<AlertOptions> = {}): PrometheusRuleFile {
  const o = resolveOptions(options);
  const raw = rawSignals(profile, o);
  const rec = recordedSignals();
  const enabled = profile.indicators.filter((ind) => ind.enabled);
  const record = (name: string, expr: string, labels?: Record<string, string>): PrometheusRecordingRule =>
    labels ? { record: name, expr, labels } : { record: name, expr };

  const period = rulePeriodWindow(profile);
  const windows = tierWindows(profile);
  // Ratios over a day or more read days of raw counters and move little in minutes: they are recorded in the
  // trends group (every 4 minutes) with their burn rates, so each still equals its formula at its timestamp.
  const daysLong = (w: string) => parseDuration(w)! >= DAY_MS;
  const ratio = (w: string) => record(RECORDED.errorRatio, raw.errorRatio(w), { window: w });
  const burnRate = (w: string) =>
    record(RECORDED.burnRate, formulas.burnRate(rec.errorRatio(w), profile.sla.target), { window: w });
  // Traffic for the guards, recorded once in the slo group. Prometheus evaluates groups independently, so
  // alerts of other groups read it up to one interval (1m) old: well inside the 5m lookback.
  const guards = new Set([
    o.rateWindow,
    ...profile.sla.burnRateTiers.filter((t) => t.enabled).map((t) => t.shortWindow),
  ]);
  const latency = enabled.find((ind) => ind.id === LATENCY_INDICATOR);

  const recordings: Record<GroupKey, PrometheusRecordingRule[]> = {
    health: [
      ...enabled.map((ind) => record(RECORDED.value, raw.value(ind), { indicator: ind.id })),
      ...enabled.map((ind) =>
        record(RECORDED.subScore, subScore(rec.value(ind), ind, ind.direction), { indicator: ind.id })
      ),
      record(RECORDED.health, formulas.health(profile, rec.subScore, rec.value)),
    ],
    slo: [
      ...[...guards].map((w) => record(RECORDED.requestsPerSecond, raw.requestsPerSecond(w), { window: w })),
      ...windows.filter((w) => !daysLong(w)).map(ratio),
      ...windows.filter((w) => !daysLong(w)).map(burnRate),
    ],
    overhead: [
      record(RECORDED.domainOverhead, raw.domainOverhead()),
      record(RECORDED.systemOverhead, formulas.systemOverhead(rec.domainOverhead())),
    ],
    signals: [
      record(RECORDED.dbPoolPercent, raw.dbPoolPercent()),
      ...(latency ? [record(RECORDED.latencyRegression, raw.latencyRegression())] : []),
    ],
    trends: [
      record(RECORDED.memoryGrowthPerDay, raw.memoryGrowthPerDay()),
      ...windows.filter(daysLong).map(ratio),
      ...windows.filter(daysLong).map(burnRate),
      // The SLA period for the executive dashboard: availability, error budget and latency compliance.
      ...(windows.includes(period) ? [] : [ratio(period)]),
      record(RECORDED.availability, formulas.availability(rec.errorRatio(period)), { window: period }),
      record(RECORDED.budgetRemaining, formulas.budgetRemaining(rec.errorRatio(period), profile.sla.target), {
        window: period,
      }),
      record(RECORDED.latencyCompliance, raw.latencyCompliance(period), { window: period }),
      // The error-budget policy, beside the period's budget it reads, and the policy windows' burn rates.
      record(RECORDED.budgetSpent, formulas.budgetSpent(rec.errorRatio(period), profile.sla.target), {
        window: period,
      }),
      ...profile.sla.budgetPolicy.windows.map((w) =>
        record(
          RECORDED.exhaustionSeconds,
          formulas.exhaustionSeconds(
            `${RECORDED.budgetRemaining}{window=${str(period)}}`,
            rec.burnRate(w),
            rulePeriodSeconds(profile)
          ),
          { window: w }
        )
      ),
      record(RECORDED.policyState, policyState(profile, rec)),
    ],
  };

  const alerts = alertCatalogue(profile, o);
  const groups = (Object.keys(GROUPS) as GroupKey[]).map((key) => ({
    name: GROUPS[key].name,
    interval: GROUPS[key].interval,
    rules: [
      ...recordings[key],
      ...alerts.filter((a) => a.group === key).map((a) => alertingRule(a, rec, o)),
    ] as PrometheusRule[],
  }));
  return { groups: groups.filter((g) => g.rules.length > 0) };
}

function alertingRule(spec: AlertSpec, rec: ReturnType<typeof recordedSignals>, o: AlertOptions): PrometheusRule {
  const parts = spec.comparisons.map((c) => `(${c.value(rec)}) ${c.op} ${num(c.threshold)}`);
  if (spec.guard) {
    parts.push(`${rec.requestsPerSecond(spec.guard)} >= ${num(o.minRequestsPerSecond)}`);
  }
  // Comparison i > 0 is not the alert's value: the description reads it back with a query.
  const value = (i: number) =>
    i === 0
      ? printValue('.Value', spec.comparisons[0])
      : `{{ with query \`${spec.comparisons[i].value(rec)}\` }}{{ range . }}{{ if eq .Labels.service $labels.service }}${printValue('.Value', spec.comparisons[i])}{{ end }}{{ end }}{{ end }}`;
  return {
    alert: spec.name,
    expr: parts.join(' and on (service) '),
    ...(spec.for === '0s' ? {} : { for: spec.for }),
    labels: ruleLabels(spec, o.team),
    annotations: {
      summary: spec.summary,
      description: spec.description(value),
      runbook_url: `${RUNBOOKS}#${spec.runbook}`,
      dashboard_uid: spec.panel.dashboardUid,
      panel_id: String(spec.panel.panelId),
    },
  };
}
