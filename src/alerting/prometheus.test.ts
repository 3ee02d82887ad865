/** @jest-environment node */
import { defaultProfile, periodLength, promqlSyntaxError, tierFactor } from '../scoring';
import {
  buildGrafanaAlertRules,
  buildPrometheusRules,
  DEFAULT_TARGETS,
  type PrometheusAlertingRule,
  type PrometheusRecordingRule,
} from '.';
import { rulePeriodWindow } from './signals';

const profile = defaultProfile();
const file = buildPrometheusRules(profile);
const rules = file.groups.flatMap((g) => g.rules);
const recordings = rules.filter((r): r is PrometheusRecordingRule => 'record' in r);
const alerts = rules.filter((r): r is PrometheusAlertingRule => 'alert' in r);

describe('buildPrometheusRules', () => {
  it('records every series once: a name and label set written by two rules would collide', () => {
    const keys = recordings.map((r) => `${r.record}${JSON.stringify(r.labels ?? {})}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...new Set(recordings.map((r) => r.record))].sort()).toEqual([
      'perfscope:availability',
      'perfscope:burn_rate',
      'perfscope:db_pool_usage_percent',
      'perfscope:domain_overhead',
      'perfscope:error_budget_exhaustion_seconds',
      'perfscope:error_budget_policy_state',
      'perfscope:error_budget_remaining',
      'perfscope:error_budget_spent_percent',
      'perfscope:error_ratio',
      'perfscope:health_score',
      'perfscope:indicator_subscore',
      'perfscope:indicator_value',
      'perfscope:latency_compliance',
      'perfscope:latency_p95_regression_percent',
      'perfscope:memory_growth_bytes_per_day',
      'perfscope:requests_per_second',
      'perfscope:system_overhead',
    ]);
  });

  it('records the error ratio and burn rate of every tier window, and the traffic of every guard window', () => {
    const windows = (name: string) => recordings.filter((r) => r.record === name).map((r) => r.labels?.window);
    expect(windows('perfscope:burn_rate')).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(windows('perfscope:error_ratio')).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
    expect(windows('perfscope:requests_per_second')).toEqual(['5m', '30m', '2h', '6h']);
    expect(windows('perfscope:availability')).toEqual(['30d']);
  });

  it('writes valid PromQL everywhere', () => {
    for (const r of rules) {
      expect(promqlSyntaxError('record' in r ? r.expr : r.expr)).toBeNull();
    }
  });

  it('has an alerting rule for every Grafana rule, with the same severity, duration, labels and summary', () => {
    const grafana = buildGrafanaAlertRules(profile, DEFAULT_TARGETS);
    expect(alerts).toHaveLength(grafana.length);
    for (const a of alerts) {
      const same = grafana.filter(
        (r) => r.annotations.summary === a.annotations.summary && r.labels.severity === a.labels.severity
      );
      expect(same).toHaveLength(1);
      const g = same[0];
      expect(a.labels).toEqual(g.labels);
      expect(a.for ?? '0s').toBe(g.for);
      expect(a.annotations.summary).toBe(g.annotations.summary);
      expect(a.annotations.runbook_url).toBe(g.annotations.runbook_url);
      expect([a.annotations.dashboard_uid, a.annotations.panel_id]).toEqual([
        g.annotations.__dashboardUid__,
        g.annotations.__panelId__,
      ]);
      // The thresholds of the Prometheus expression are those of Grafana's condition.
      const condition = g.data.find((d) => d.refId === g.condition)!.model;
      let thresholds =
        condition.type === 'threshold'
          ? [(condition.conditions as Array<{ evaluator: { params: number[] } }>)[0].evaluator.params[0]]
          : [...String(condition.expression).matchAll(/[<>]=? ([\d.e+-]+)/g)].map((m) => Number(m[1]));
      const perfscope = g.data.find((d) => d.datasourceUid === 'perfscope-health')?.model;
      if (perfscope?.measure === 'tierFiring') {
        // Grafana asks the datasource whether the tier fires; Prometheus compares both windows with its factor.
        const tier = profile.sla.burnRateTiers.find((t) => t.name === perfscope.tier)!;
        const factor = tierFactor(tier, periodLength(rulePeriodWindow(profile), 0));
        expect(thresholds).toEqual([0, 0.1]);
        thresholds = [factor, factor, 0.1];
      }
      expect([...a.expr.matchAll(/[<>]=? ([\d.e+-]+)/g)].map((m) => Number(m[1]))).toEqual(thresholds);
    }
  });

  it('reads recorded series in its alerts, so Prometheus does not compute a raw query twice', () => {
    for (const a of alerts) {
      expect(a.expr).not.toMatch(/(?<![:\w])(http_request|node_|domain_duration|db_pool_connections|process_resident)/);
    }
  });

  it('uses a 30-day window for a calendar-month period, which rules cannot follow', () => {
    const p = defaultProfile();
    p.sla.period = 'month';
    const windows = buildPrometheusRules(p)
      .groups.flatMap((g) => g.rules)
      .filter((r): r is PrometheusRecordingRule => 'record' in r && r.record === 'perfscope:availability')
      .map((r) => r.labels?.window);
    expect(windows).toEqual(['30d']);
  });

  it('computes the worst sub-score when the profile aggregates by the worst', () => {
    const p = defaultProfile();
    p.aggregation = 'worst';
    const health = buildPrometheusRules(p)
      .groups.flatMap((g) => g.rules)
      .find((r): r is PrometheusRecordingRule => 'record' in r && r.record === 'perfscope:health_score')!;
    expect(health.expr).toMatch(
      /^min by \(service\) \(\(perfscope:indicator_subscore\{indicator="latency_p95"\}\) or /
    );
    expect(health.expr).not.toContain('sum by');
  });
});
