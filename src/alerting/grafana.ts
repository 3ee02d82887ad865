import type { PerfScopeAlertQuery } from '../datasource/measures';
import type { Profile } from '../scoring';
import { alertCatalogue, GROUPS, printValue, resolveOptions, ruleLabels, type AlertSpec } from './catalogue';
import { RUNBOOKS } from './panels';
import { num } from '../scoring/promql';
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
const EXPRESSIONS = '__expr__';
const PERFSCOPE_TYPE = 'perfscope-health-datasource';
// What Grafana sends the datasources: the last 10 minutes at a 1-minute interval; each query answers for its end.
const RANGE = { from: 600, to: 0 };
const QUERY_OPTIONS = { intervalMs: 60000, maxDataPoints: 43200 };

/**
 * PerfScope's alerts as Grafana-managed rules in the alerting provisioning HTTP API shape. The health score,
 * overhead and burn-rate tiers come from the PerfScope datasource (its Go twin of src/scoring computes them);
 * raw signals and the traffic guard are PromQL on the Prometheus datasource (no recording rules needed).
 * Server-side expressions compare, so the Grafana UI shows each value next to its threshold.
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
    data: queries(spec, signals, targets, o),
    for: spec.for,
    noDataState: spec.noDataState,
    execErrState: spec.execErrState,
    labels: ruleLabels(spec, o.team),
    annotations: {
      summary: spec.summary,
      description:
        spec.perfscope?.description ??
        spec.description((i) => printValue(`.Values.${VALUE_REFS[i]}.Value`, spec.comparisons[i])),
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
    relativeTimeRange: { ...RANGE },
    datasourceUid: uid,
    model: {
      refId,
      datasource: { type: 'prometheus', uid },
      expr,
      instant: true,
      range: false,
      legendFormat: '{{service}}',
      ...QUERY_OPTIONS,
    },
  };
}

/** A query of the PerfScope datasource for one measure, over the services PromQL rules see too. */
function perfscopeQuery(refId: string, query: PerfScopeAlertQuery, uid: string, rateWindow: string): AlertQuery {
  // The SLA windows are the profile's own; the other types follow the rules' rate window, as PromQL rules do.
  const rate = query.queryType === 'sla' ? {} : { rateInterval: rateWindow };
  return {
    refId,
    queryType: query.queryType,
    relativeTimeRange: { ...RANGE },
    datasourceUid: uid,
    model: {
      refId,
      datasource: { type: PERFSCOPE_TYPE, uid },
      ...query,
      service: query.service ?? '.+',
      ...rate,
      ...QUERY_OPTIONS,
    },
  };
}

function expression(model: Record<string, unknown>): AlertQuery {
  return {
    refId: CONDITION_REF,
    queryType: '',
    relativeTimeRange: { from: 0, to: 0 },
    datasourceUid: EXPRESSIONS,
    model: { refId: CONDITION_REF, datasource: { type: EXPRESSIONS, uid: EXPRESSIONS }, ...model },
  };
}

interface Compared {
  query: AlertQuery;
  op: '>' | '<';
  threshold: number;
}

function queries(spec: AlertSpec, signals: Signals, targets: AlertTargets, o: AlertOptions): AlertQuery[] {
  const p = spec.perfscope;
  const values: Compared[] = p
    ? [
        {
          query: perfscopeQuery(VALUE_REFS[0], p.query, targets.perfscopeUid, o.rateWindow),
          op: p.op,
          threshold: p.threshold,
        },
      ]
    : spec.comparisons.map((c, i) => ({
        query: promQuery(VALUE_REFS[i], c.value(signals), targets.prometheusUid),
        op: c.op,
        threshold: c.threshold,
      }));
  const data = values.map((v) => v.query);
  if (spec.guard) {
    data.push(promQuery(TRAFFIC_REF, signals.requestsPerSecond(spec.guard), targets.prometheusUid));
  }
  if (data.length === 1) {
    const [{ op, threshold }] = values;
    const evaluator = { type: op === '>' ? 'gt' : 'lt', params: [threshold] };
    return [...data, expression({ type: 'threshold', expression: VALUE_REFS[0], conditions: [{ evaluator }] })];
  }
  const parts = values.map((v) => `$${v.query.refId} ${v.op} ${num(v.threshold)}`);
  if (spec.guard) {
    parts.push(`$${TRAFFIC_REF} >= ${num(o.minRequestsPerSecond)}`);
  }
  return [...data, expression({ type: 'math', expression: parts.join(' && ') })];
}

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
