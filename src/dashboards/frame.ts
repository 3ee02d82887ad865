import { DASHBOARDS } from '../alerting';
import { PROMETHEUS } from './panels';
import { durationText, type ProfileParts, SERVICE_VARIABLE } from './profile';
import { dashboard } from './sdk';

// What the three dashboards share around their panels: settings, the link to each other, the variables.

/** The datasources a dashboard's variables point at by default (their uids in the target Grafana). */
export interface DashboardTargets {
  prometheusUid: string;
  perfscopeUid: string;
}

export type DashboardKey = keyof typeof DASHBOARDS;

export const TITLES: Record<DashboardKey, string> = {
  executive: 'PerfScope · Executive',
  operations: 'PerfScope · Operations',
  development: 'PerfScope · Development',
};

/** A dashboard under construction: panels, variables and annotations are added to it. */
export type Board = ReturnType<typeof frame>;

export interface FrameSettings {
  description: string;
  refresh: string;
  /** The start of the default time range ("now-24h"). */
  from: string;
  /** Whether the dashboard offers the PerfScope datasource too. */
  perfscope: boolean;
  /** What the domain and SLO window variables are for, in their descriptions; without one, no such variable. */
  domain?: string;
  sloWindow?: string;
}

/**
 * A dashboard with PerfScope's settings, tag and link to the other PerfScope dashboards, and its variables: the
 * datasources (on `targets`), the services, and the domains and the SLO window where the dashboard has them.
 */
export function frame(key: DashboardKey, parts: ProfileParts, targets: DashboardTargets, settings: FrameSettings) {
  // The SDK marks its dashboard v1 builder deprecated in favour of dashboardv2 (schema v2). PerfScope's dashboards
  // are v1: the JSON model Grafana 12.3+ imports from an app's includes and serves through /api/dashboards, and
  // the one @grafana/schema's Dashboard (schema.test.ts) describes; Grafana 12 serves schema v2 only behind
  // feature flags.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  return new dashboard.DashboardBuilder(TITLES[key])
    .uid(DASHBOARDS[key])
    .description(settings.description)
    .tags(['perfscope'])
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .fiscalYearStartMonth(0)
    .liveNow(false)
    .refresh(settings.refresh)
    .version(1)
    .timezone('browser')
    .weekStart('')
    .time({ from: settings.from, to: 'now' })
    .link(
      new dashboard.DashboardLinkBuilder('PerfScope')
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags(['perfscope'])
        .asDropdown(false)
        .includeVars(true)
        .keepTime(true)
        .icon('external link')
        .targetBlank(false)
        .tooltip('The other PerfScope dashboards')
        .url('')
    )
    .annotation(
      new dashboard.AnnotationQueryBuilder()
        .builtIn(1)
        .datasource({ type: 'grafana', uid: '-- Grafana --' })
        .enable(true)
        .hide(true)
        .iconColor('rgba(0, 211, 255, 1)')
        .name('Annotations & Alerts')
        .type('dashboard')
    )
    .variables([
      prometheusVariable(targets),
      ...(settings.perfscope ? [perfScopeVariable(targets)] : []),
      serviceVariable(parts),
      ...(settings.domain ? [domainVariable(parts, settings.domain)] : []),
      ...(settings.sloWindow ? [sloWindowVariable(parts, settings.sloWindow)] : []),
    ]);
}

/** The Prometheus datasource variable, on the target's Prometheus by default. */
const prometheusVariable = (targets: DashboardTargets) =>
  new dashboard.DatasourceVariableBuilder('datasource')
    .label('Prometheus')
    .type('prometheus')
    .current({ text: 'Prometheus', value: targets.prometheusUid })
    .hide(dashboard.VariableHide.DontHide)
    .includeAll(false)
    .multi(false)
    .description(
      "The Prometheus with your services' metrics (and, for the Executive dashboard, PerfScope's recording rules)."
    )
    .regex('');

/** The PerfScope datasource variable, on the target's PerfScope datasource by default. */
const perfScopeVariable = (targets: DashboardTargets) =>
  new dashboard.DatasourceVariableBuilder('perfscope')
    .label('PerfScope')
    .type('perfscope-health-datasource')
    .current({ text: 'PerfScope', value: targets.perfscopeUid })
    .hide(dashboard.VariableHide.DontHide)
    .includeAll(false)
    .multi(false)
    .description('The PerfScope datasource: scores computed by its backend with the profile of the app settings.')
    .regex('');

/** A multi-value variable of a label's values on a metric, All by default (`.*`). */
function labelValues(name: string, label: string, match: string, description: string) {
  return new dashboard.QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS)
    .query({
      qryType: 1,
      query: `label_values(${match})`,
      refId: 'PrometheusVariableQueryEditor-VariableQuery',
    })
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .includeAll(true)
    .allValue('.*')
    .multi(true)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .hide(dashboard.VariableHide.DontHide)
    .current({ text: ['All'], value: ['$__all'] })
    .options([])
    .regex('')
    .description(description);
}

/** The services: the values of the profile's service label on the metric the SLA counts requests with. */
const serviceVariable = (parts: ProfileParts) =>
  labelValues(
    'service',
    'Service',
    `${parts.requestMetric()}, ${parts.label}`,
    `The services to show: the values of the profile's service label, ${parts.label}.`
  );

/** The business domains: the values of `domain` on the profile's domain metric, for the chosen services. */
const domainVariable = (parts: ProfileParts, description: string) =>
  labelValues(
    'domain',
    'Domain',
    `${parts.domainMetric()}{${parts.label}=~"${SERVICE_VARIABLE}"}, domain`,
    description
  );

/** The windows PerfScope's rules record the error ratio at (the enabled tiers' and the period's), the period chosen. */
function sloWindowVariable(parts: ProfileParts, description: string) {
  const windows = parts.sloWindows();
  const period = parts.periodWindow();
  return new dashboard.CustomVariableBuilder('slo_window')
    .label('SLO window')
    .values(windows.join(','))
    .current({ text: period, value: period })
    .hide(dashboard.VariableHide.DontHide)
    .includeAll(false)
    .multi(false)
    .options(windows.map((w) => ({ text: w, value: w, selected: w === period })))
    .description(description);
}

/** "the 30-day SLA period", or a calendar month's, which the rules measure over 30 days. */
export function periodPhrase(parts: ProfileParts): string {
  const month = parts.profile.sla.period === 'month';
  return `the ${parts.periodAdjective()} SLA period${month ? ` (${durationText(parts.periodWindow())} in the recording rules)` : ''}`;
}
