import type { Profile } from '../scoring';
import {
  alertCatalogue,
  GROUPS,
  printValue,
  resolveOptions,
  ruleLabels,
  type AlertSpec,
  type Comparison,
} from './catalogue';
import { RUNBOOKS } from './panels';
import { num } from './promql';
import { rawSignals, type Signals } from './signals';
import type { AlertOptions, AlertQuery, AlertTargets, GrafanaAlertRule } from './types';

/** Title of the folder with uid `perfscope` the rules live in. */
export const FOLDER_TITLE = 'PerfScope';

/** The UIDs PerfScope provisions: its Prometheus and PerfScope datasources and the rules' folder. */
export const DEFAULT_TARGETS: AlertTargets = {
  prometheusUid: 'perfscope-prometheus',
  perfscopeUid: 'perfscope-health',
  folderUid: 'perfscope',
};

const VALUE_REFS = ['A', 'B'];
const TRAFFIC_REF = 'T';
const CONDITION_REF = 'C';
const EXPRESSIONS = { type: '__expr__', uid: '__expr__' };

/**
 * PerfScope's alerts as Grafana-managed rules in the alerting provisioning HTTP API shape. They query the
 * Prometheus datasource with the raw metrics (no recording rules needed) and compare in server-side
 * expressions, so the Grafana UI shows each value next to its threshold.
 */
export function buildGrafanaAlertRules(
  profile: Profile,
  targets: AlertTargets,
  options: Partial<AlertOptions> = {}
): GrafanaAlertRule[] {
  const o = resolveOptions(options);
  const signals = rawSignals(profile, o);
  return alertCatalogue(profile, o).map((spec) => ({
    uid: spec.uid,
    title: spec.title,
    ruleGroup: GROUPS[spec.group].name,
    folderUID: targets.folderUid,
    condition: CONDITION_REF,
    data: queries(spec, signals, targets.prometheusUid, o.minRequestsPerSecond),
    for: spec.for,
    noDataState: spec.noDataState,
    execErrState: spec.execErrState,
    labels: ruleLabels(spec, o.team),
    annotations: {
      summary: spec.summary,
      description: spec.description((i) => printValue(`.Values.${VALUE_REFS[i]}.Value`, spec.comparisons[i])),
      runbook_url: `${RUNBOOKS}#${spec.runbook}`,
      __dashboardUid__: spec.panel.dashboardUid,
      __panelId__: String(spec.panel.panelId),
    },
    isPaused: false,
  }));
}

function promQuery(refId: string, expr: string, uid: string): AlertQuery {
  return {
    refId,
    queryType: '',
    relativeTimeRange: { from: 600, to: 0 },
    datasourceUid: uid,
    model: {
      refId,
      datasource: { type: 'prometheus', uid },
      expr,
      instant: true,
      range: false,
      legendFormat: '{{service}}',
      intervalMs: 60000,
      maxDataPoints: 43200,
    },
  };
}

function expression(model: Record<string, unknown>): AlertQuery {
  return {
    refId: CONDITION_REF,
    queryType: '',
    relativeTimeRange: { from: 0, to: 0 },
    datasourceUid: EXPRESSIONS.uid,
    model: { refId: CONDITION_REF, datasource: EXPRESSIONS, ...model },
  };
}

function queries(spec: AlertSpec, signals: Signals, uid: string, minRps: number): AlertQuery[] {
  const data = spec.comparisons.map((c, i) => promQuery(VALUE_REFS[i], c.value(signals), uid));
  if (spec.guard) {
    data.push(promQuery(TRAFFIC_REF, signals.requestsPerSecond(spec.guard), uid));
  }
  if (data.length === 1) {
    const [c] = spec.comparisons;
    return [...data, expression({ type: 'threshold', expression: 'A', conditions: [threshold(c)] })];
  }
  const parts = spec.comparisons.map((c, i) => `$${VALUE_REFS[i]} ${c.op} ${num(c.threshold)}`);
  if (spec.guard) {
    parts.push(`$${TRAFFIC_REF} >= ${num(minRps)}`);
  }
  return [...data, expression({ type: 'math', expression: parts.join(' && ') })];
}

const threshold = (c: Comparison) => ({ evaluator: { type: c.op === '>' ? 'gt' : 'lt', params: [c.threshold] } });

/** The rules as a Grafana alerting provisioning file (provisioning/alerting/perfscope-rules.yaml). */
export function grafanaProvisioningFile(rules: GrafanaAlertRule[]): object {
  const groups = Object.values(GROUPS)
    .map((group) => ({ group, rules: rules.filter((r) => r.ruleGroup === group.name) }))
    .filter(({ rules: inGroup }) => inGroup.length > 0);
  return {
    apiVersion: 1,
    groups: groups.map(({ group, rules: inGroup }) => ({
      orgId: 1,
      name: group.name,
      folder: FOLDER_TITLE,
      interval: group.interval,
      rules: inGroup.map((r) => {
        const { __dashboardUid__: dashboardUid, __panelId__: panelId, ...annotations } = r.annotations;
        return {
          uid: r.uid,
          title: r.title,
          condition: r.condition,
          data: r.data,
          dashboardUid,
          panelId: Number(panelId),
          noDataState: r.noDataState,
          execErrState: r.execErrState,
          for: r.for,
          annotations,
          labels: r.labels,
          isPaused: false,
        };
      }),
    })),
  };
}
