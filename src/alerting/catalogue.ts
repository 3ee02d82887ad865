import type { PerfScopeAlertQuery } from '../datasource/measures';
import {
  bandCeiling,
  parseDuration,
  periodLength,
  policyLevel,
  tierFactor,
  type Indicator,
  type Profile,
} from '../scoring';
import { regexLiteral, str, union, withLabel } from '../scoring/promql';
import { indicatorPanel, PANELS, type PanelRef } from './panels';
import { LATENCY_INDICATOR, rulePeriodWindow, type Signals } from './signals';
import type { AlertOptions, ExecErrState, NoDataState, Severity } from './types';

// The one list of PerfScope's alerts, derived from the profile. grafana.ts and prometheus.ts render it; the
// thresholds are the profile's, so the settings page's Apply and `perfscope rules` follow every edit.

/** Rule groups and how often each is evaluated. */
export const GROUPS = {
  health: { name: 'perfscope-health', interval: '1m' },
  slo: { name: 'perfscope-slo', interval: '1m' },
  overhead: { name: 'perfscope-overhead', interval: '1m' },
  signals: { name: 'perfscope-signals', interval: '1m' },
  // Windows of a day or more change slowly, and reading days of raw counters is most of the file's cost
  // (npm run bench:rules): every 4 minutes costs a quarter of every minute and loses nothing, and keeps each
  // recorded sample inside Prometheus's 5-minute lookback even when an evaluation is up to a minute late.
  trends: { name: 'perfscope-trends', interval: '4m' },
} as const;

export type GroupKey = keyof typeof GROUPS;

/** Each severity's score alert fires below its band's ceiling (src/scoring's bands): 50, 70 and 90. */
export const HEALTH_FLOORS: Array<[Severity, number]> = (['critical', 'warning', 'info'] as const).map((band) => [
  band,
  bandCeiling(band),
]);

export const DEFAULT_OPTIONS: AlertOptions = {
  team: 'platform',
  minRequestsPerSecond: 0.1,
  rateWindow: '5m',
  dbPoolWarning: 80,
  regressionPercent: 20,
  memoryGrowthBytesPerDay: 5e6,
};

/** One comparison an alert makes: all of an alert's comparisons must hold at once. */
export interface Comparison {
  value: (s: Signals) => string;
  op: '>' | '<';
  threshold: number;
  /** How descriptions print the value: a plain number (default) or bytes with an SI prefix. */
  format?: 'bytes';
}

/**
 * An alert on one of PerfScope's own numbers (health score, overhead, burn-rate tiers), as the PerfScope
 * datasource answers it: Grafana-managed rules ask the datasource, whose Go twin of src/scoring computes the
 * number, instead of computing it once more in PromQL.
 */
export interface PerfScopeCondition {
  query: PerfScopeAlertQuery;
  op: '>' | '<';
  threshold: number;
  /** The Grafana rule's description when the measure is not the value comparison 0 describes. */
  description?: string;
}

/** Labels of every rule: the app's marker, severity, service (each instance's own) and team, plus the spec's. */
export const ruleLabels = (spec: AlertSpec, team: string): Record<string, string> => ({
  perfscope: 'managed',
  severity: spec.severity,
  service: '{{ .Labels.service }}',
  team,
  ...spec.labels,
});

/** The template that prints a value in a description, for Grafana's and Prometheus's templating alike. */
export const printValue = (value: string, c: Comparison): string =>
  c.format === 'bytes' ? `{{ humanize ${value} }}` : `{{ printf "%.4g" ${value} }}`;

export interface AlertSpec {
  /** Stable Grafana rule uid. */
  uid: string;
  /** Prometheus alert name. */
  name: string;
  title: string;
  group: GroupKey;
  severity: Severity;
  for: string;
  noDataState: NoDataState;
  execErrState: ExecErrState;
  /** In PromQL: the Prometheus rule file's alerts, and Grafana's where `perfscope` is not set. */
  comparisons: Comparison[];
  perfscope?: PerfScopeCondition;
  /** Window of the traffic guard: the alert stays silent while the service serves fewer requests than that. */
  guard?: string;
  /** Labels beyond perfscope, severity, service and team: which indicator or tier fired. */
  labels?: Record<string, string>;
  summary: string;
  /** The description; `value(i)` is the template that prints comparison i's value. */
  description: (value: (i: number) => string) => string;
  panel: PanelRef;
  /** Section of docs/alerts.md. */
  runbook: string;
}

// noDataState and execErrState, chosen per kind of alert (docs/alerts.md explains each):
// - request-driven alerts (guarded): no data means no traffic, which is not an incident -> OK.
// - resource saturation (CPU, memory): no series at all means the exporter is gone; the critical rule says so
//   (NoData), the warning one stays quiet so it is said once.
// - a failing query on a critical rule must not hide an outage -> Error (Grafana notifies DatasourceError);
//   warning and info rules keep their last state over a failed evaluation instead of flapping.
const errState = (severity: Severity): ExecErrState => (severity === 'critical' ? 'Error' : 'KeepLast');
// - rules on the PerfScope datasource (health score, overhead, burn-rate tiers) use Error at every severity: what
//   fails only there (the datasource missing or misconfigured, its profile without the rule's tier, a plugin
//   older than the rules) does not heal by itself, and KeepLast would hide it for good. Grafana retries a
//   failed query first, and the Error state waits out the rule's `for`.
const DATASOURCE_ERROR: ExecErrState = 'Error';

/** Per indicator: how long a breach must last at each severity, and whether the traffic guard applies. */
const INDICATOR_ALERTS: Record<string, { critical: string; warning: string; guarded: boolean }> = {
  latency_p95: { critical: '5m', warning: '15m', guarded: true },
  error_rate: { critical: '5m', warning: '15m', guarded: true },
  cpu: { critical: '15m', warning: '15m', guarded: false },
  memory: { critical: '10m', warning: '10m', guarded: false },
};
const OTHER_INDICATOR = { critical: '10m', warning: '10m', guarded: true };
// Availability is the SLO, and its alerts are the burn-rate tiers; throughput has no threshold worth a page.
const NOT_ALERTED = new Set(['availability', 'throughput']);

const UNITS: Record<string, string> = { s: ' s', percent: ' %', reqps: ' req/s', percentunit: '' };
const unitOf = (ind: Indicator) => UNITS[ind.unit] ?? (ind.unit ? ` ${ind.unit}` : '');

/** A uid part: lower case letters, digits and dashes. */
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const camel = (s: string) =>
  slug(s)
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
const SERVICE = '{{ .Labels.service }}';

/** A rule uid from its parts: Grafana allows 40 characters, so longer ones keep a readable start and a hash. */
export function ruleUid(...parts: string[]): string {
  const full = ['perfscope', ...parts.map(slug)].join('-');
  if (full.length <= 40) {
    return full;
  }
  let hash = 0x811c9dc5; // FNV-1a, 32 bits: stable across runs and machines.
  for (let i = 0; i < full.length; i++) {
    hash = Math.imul(hash ^ full.charCodeAt(i), 0x01000193) >>> 0;
  }
  return `${full.slice(0, 31).replace(/-$/, '')}-${hash.toString(16).padStart(8, '0')}`;
}

function indicatorAlerts(profile: Profile, options: AlertOptions): AlertSpec[] {
  return profile.indicators
    .filter((ind) => ind.enabled && !NOT_ALERTED.has(ind.id))
    .flatMap((ind) => {
      const kind = INDICATOR_ALERTS[ind.id] ?? OTHER_INDICATOR;
      const op = ind.direction === 'higher' ? '<' : '>';
      const word = op === '>' ? 'above' : 'below';
      const unit = unitOf(ind);
      return (['critical', 'warning'] as const).map((severity): AlertSpec => {
        const threshold = ind[severity];
        return {
          uid: ruleUid(ind.id, severity),
          name: `PerfScope${camel(ind.id)}${camel(severity)}`,
          title: `${ind.name} ${word} ${threshold}${unit}`,
          group: 'health',
          severity,
          for: kind[severity],
          noDataState: !kind.guarded && severity === 'critical' ? 'NoData' : 'OK',
          execErrState: errState(severity),
          comparisons: [{ value: (s) => s.value(ind), op, threshold }],
          guard: kind.guarded ? options.rateWindow : undefined,
          labels: { indicator: ind.id },
          summary: `${SERVICE}: ${ind.name} ${word} ${threshold}${unit}`,
          description: (v) =>
            `${ind.name} of ${SERVICE} is ${v(0)}${unit}, ${word} its ${severity} threshold of ${threshold}${unit} (profile indicator ${ind.id}).`,
          panel: indicatorPanel(ind.id),
          runbook: INDICATOR_ALERTS[ind.id] ? slug(ind.id) : 'other-indicators',
        };
      });
    });
}

/**
 * A key indicator without data while the service serves requests: the score leaves the indicator out, so no score
 * alert can see it, while `perfscope check` fails on it. One rule for every key indicator, each instance labelled
 * with its `indicator`; none when the profile allows missing data.
 */
function keyIndicatorNoDataAlerts(profile: Profile, options: AlertOptions): AlertSpec[] {
  const keys = profile.indicators.filter((ind) => ind.enabled && ind.key);
  if (profile.allowMissing || keys.length === 0) {
    return [];
  }
  const indicator = '{{ .Labels.indicator }}';
  return [
    {
      uid: 'perfscope-key-indicator-no-data',
      name: 'PerfScopeKeyIndicatorNoData',
      title: 'Key indicator without data while the service serves requests',
      group: 'health',
      severity: 'warning',
      for: '15m',
      // No data here is every service having every key indicator: nothing is missing.
      noDataState: 'OK',
      execErrState: errState('warning'),
      comparisons: [
        {
          value: (s) => union(keys.map((ind) => withLabel(s.missing(ind, options.rateWindow), 'indicator', ind.id))),
          op: '>',
          threshold: 0,
        },
      ],
      guard: options.rateWindow,
      labels: { indicator },
      summary: `${SERVICE}: key indicator ${indicator} has no data`,
      description: (v) =>
        `${SERVICE} serves ${v(0)} requests per second but its key indicator ${indicator} has no data: its health score leaves the indicator out and perfscope check fails on it. Check that the indicator's query in the profile matches the metric the service exports and that the metric is scraped.`,
      panel: PANELS.healthBreakdown,
      runbook: 'key-indicator-no-data',
    },
  ];
}

function healthAlerts(options: AlertOptions): AlertSpec[] {
  const persist: Record<Severity, string> = { critical: '5m', warning: '10m', info: '15m' };
  return HEALTH_FLOORS.map(([severity, floor]) => ({
    uid: `perfscope-health-score-${severity}`,
    name: `PerfScopeHealthScore${camel(severity)}`,
    title: `Health score below ${floor}`,
    group: 'health',
    severity,
    for: persist[severity],
    noDataState: 'OK',
    execErrState: DATASOURCE_ERROR,
    comparisons: [{ value: (s) => s.health(), op: '<', threshold: floor }],
    perfscope: { query: { queryType: 'health', measure: 'score' }, op: '<', threshold: floor },
    guard: options.rateWindow,
    summary: `${SERVICE}: health score below ${floor}`,
    description: (v) =>
      `The health score of ${SERVICE} is ${v(0)}, below ${floor} (${severity} band). The breakdown panel shows which indicators cost the points.`,
    panel: PANELS.healthBreakdown,
    runbook: 'health-score',
  }));
}

function overheadAlerts(profile: Profile, options: AlertOptions): AlertSpec[] {
  const d = profile.domains;
  const system: AlertSpec = {
    uid: 'perfscope-system-overhead-critical',
    name: 'PerfScopeSystemOverheadCritical',
    title: `System overhead above ${d.system.critical} %`,
    group: 'overhead',
    severity: 'critical',
    for: '10m',
    noDataState: 'OK',
    execErrState: DATASOURCE_ERROR,
    comparisons: [{ value: (s) => s.systemOverhead(), op: '>', threshold: d.system.critical }],
    perfscope: {
      query: { queryType: 'domainOverhead', measure: 'system' },
      op: '>',
      threshold: d.system.critical,
    },
    guard: options.rateWindow,
    summary: `${SERVICE}: business domains add more than ${d.system.critical} % to request time`,
    description: (v) =>
      `The domains of ${SERVICE} together take ${v(0)} % of request time, above the system's critical ${d.system.critical} %.`,
    panel: PANELS.overhead,
    runbook: 'overhead',
  };
  // One rule for the domains on the default thresholds, one per domain with its own.
  const overridden = Object.keys(d.overrides).sort();
  const parts: Array<{
    domain?: string;
    warning: number;
    select: (s: Signals) => string;
    query: PerfScopeAlertQuery;
  }> = [
    {
      warning: d.defaults.warning,
      select: (s) =>
        overridden.length === 0
          ? s.domainOverhead()
          : `(${s.domainOverhead()}) unless on (domain) ${noneOf(overridden)}`,
      query: {
        queryType: 'domainOverhead',
        measure: 'domain',
        ...(overridden.length === 0 ? {} : { excludeDomain: overridden.map(regexLiteral).join('|') }),
      },
    },
    ...overridden.map((domain) => ({
      domain,
      warning: d.overrides[domain].warning,
      select: (s: Signals) => `(${s.domainOverhead()}) and on (domain) ${noneOf([domain])}`,
      query: { queryType: 'domainOverhead', measure: 'domain', domain: regexLiteral(domain) } as const,
    })),
  ];
  const domains = parts.map(({ domain, warning, select, query }): AlertSpec => {
    const which = domain ? `Domain ${domain}` : 'A domain';
    return {
      uid: domain ? ruleUid('domain-overhead', domain, 'warning') : ruleUid('domain-overhead', 'warning'),
      name: `PerfScopeDomainOverhead${domain ? camel(domain) : ''}Warning`,
      title: `${which}'s overhead above ${warning} %`,
      group: 'overhead',
      severity: 'warning',
      for: '15m',
      noDataState: 'OK',
      execErrState: DATASOURCE_ERROR,
      comparisons: [{ value: select, op: '>', threshold: warning }],
      perfscope: { query, op: '>', threshold: warning },
      guard: options.rateWindow,
      summary: `${SERVICE}: domain {{ .Labels.domain }} adds more than ${warning} % to request time`,
      description: (v) =>
        `Domain {{ .Labels.domain }} of ${SERVICE} takes ${v(0)} % of request time, above its warning threshold of ${warning} %.`,
      panel: PANELS.overhead,
      runbook: 'overhead',
    };
  });
  return [system, ...domains];
}

/** A vector with one series per domain, to select by the `domain` label. */
const noneOf = (domains: string[]) =>
  `(${domains.map((d) => `label_replace(vector(1), "domain", ${str(d)}, "", "")`).join(' or ')})`;

function tierAlerts(profile: Profile): AlertSpec[] {
  const periodMs = periodLength(rulePeriodWindow(profile), 0);
  return profile.sla.burnRateTiers
    .filter((tier) => tier.enabled)
    .map((tier): AlertSpec => {
      const factor = tierFactor(tier, periodMs);
      const budget = `${Math.round(tier.budgetFraction * 1000) / 10} %`;
      return {
        uid: ruleUid('burn-rate', tier.name),
        name: `PerfScopeBurnRate${camel(tier.name)}`,
        title: `Error budget burn above ${factor}x (${tier.longWindow} and ${tier.shortWindow})`,
        group: 'slo',
        severity: tier.severity,
        // The short window is what resets the alert; a `for` would only delay it (SRE workbook, chapter 5).
        for: '0s',
        noDataState: 'OK',
        execErrState: DATASOURCE_ERROR,
        comparisons: [
          { value: (s) => s.burnRate(tier.longWindow), op: '>', threshold: factor },
          { value: (s) => s.burnRate(tier.shortWindow), op: '>', threshold: factor },
        ],
        // The datasource decides with its profile's tier, so the rule names the tier, not its factor.
        perfscope: {
          query: { queryType: 'sla', measure: 'tierFiring', tier: tier.name },
          op: '>',
          threshold: 0,
          description: `${SERVICE} burns its error budget more than ${factor}x as fast as the SLO allows over both ${tier.longWindow} and ${tier.shortWindow}, serving {{ printf "%.4g" .Values.T.Value }} requests per second: at this pace ${budget} of the ${rulePeriodWindow(profile)} budget goes in ${tier.longWindow}. The SLA panel shows both burn rates.`,
        },
        guard: tier.shortWindow,
        labels: { tier: tier.name },
        summary: `${SERVICE}: ${tier.name} burn rate above ${factor}x`,
        description: (v) =>
          `${SERVICE} burns its error budget ${v(0)}x as fast as the SLO allows over ${tier.longWindow} (${v(1)}x over ${tier.shortWindow}): at this pace ${budget} of the ${rulePeriodWindow(profile)} budget goes in ${tier.longWindow}.`,
        panel: PANELS.sla,
        runbook: 'burn-rate-tiers',
      };
    });
}

/** The error-budget policy's page and freeze alerts: the policy state (0 ok .. 3 freeze) at page or above, at freeze. */
function policyAlerts(profile: Profile): AlertSpec[] {
  const p = profile.sla.budgetPolicy;
  const period = rulePeriodWindow(profile);
  const windows = p.windows.join(', ');
  const alert = (state: 'page' | 'freeze', why: string): AlertSpec => {
    const level = policyLevel(state)!;
    const describe = (value: string) =>
      `${SERVICE} is in the error-budget policy's ${state} state (level ${value}; 2 page, 3 freeze): ${why} The SLA panel shows the budget spent and the projection.`;
    return {
      uid: ruleUid('budget-policy', state),
      name: `PerfScopeBudgetPolicy${camel(state)}`,
      title: `Error-budget policy: ${state}`,
      group: 'trends',
      severity: 'critical',
      // The spent moves over hours; a quarter of an hour rides out a blip in a short window's projection.
      for: '15m',
      noDataState: 'OK',
      execErrState: DATASOURCE_ERROR,
      comparisons: [{ value: (s) => s.policyState(), op: '>', threshold: level - 1 }],
      perfscope: {
        query: { queryType: 'sla', measure: 'policyState' },
        op: '>',
        threshold: level - 1,
        description: describe('{{ printf "%.4g" .Values.A.Value }}'),
      },
      labels: { policy: state },
      summary: `${SERVICE}: error-budget policy ${state}`,
      description: (v) => describe(v(0)),
      panel: PANELS.sla,
      runbook: 'error-budget-policy',
    };
  };
  return [
    alert('page', `${p.pageSpent} % or more of the ${period} error budget is spent, or the freeze alert holds.`),
    alert(
      'freeze',
      `${p.freezeSpent} % or more of the ${period} error budget is spent, or at the burn rate over ${windows} it is gone within ${p.freezeExhaustion}: freeze releases.`
    ),
  ];
}

function signalAlerts(profile: Profile, options: AlertOptions): AlertSpec[] {
  const offset = profile.domains.baselineOffset;
  const latency = profile.indicators.find((ind) => ind.id === LATENCY_INDICATOR && ind.enabled);
  const growthMB = options.memoryGrowthBytesPerDay / 1e6;
  const alerts: AlertSpec[] = [
    {
      uid: 'perfscope-db-pool-warning',
      name: 'PerfScopeDbPoolWarning',
      title: `Database pool above ${options.dbPoolWarning} %`,
      group: 'signals',
      severity: 'warning',
      for: '10m',
      // Services without a database have no pool series.
      noDataState: 'OK',
      execErrState: 'KeepLast',
      comparisons: [{ value: (s) => s.dbPoolPercent(), op: '>', threshold: options.dbPoolWarning }],
      summary: `${SERVICE}: database pool above ${options.dbPoolWarning} %`,
      description: (v) =>
        `${SERVICE} uses ${v(0)} % of its database connections; above ${options.dbPoolWarning} % requests start to queue for one.`,
      panel: PANELS.dbPool,
      runbook: 'database-pool',
    },
    {
      uid: 'perfscope-memory-growth-info',
      name: 'PerfScopeMemoryGrowthInfo',
      title: `Memory growing more than ${growthMB} MB a day for 3 days`,
      group: 'trends',
      severity: 'info',
      for: '1h',
      noDataState: 'OK',
      execErrState: 'KeepLast',
      comparisons: [
        { value: (s) => s.memoryGrowthPerDay(), op: '>', threshold: options.memoryGrowthBytesPerDay, format: 'bytes' },
      ],
      summary: `${SERVICE}: resident memory grows more than ${growthMB} MB a day`,
      description: (v) =>
        `The resident memory of ${SERVICE} grew by ${v(0)}B a day on average over the last 3 days: a leak is likely.`,
      panel: PANELS.memoryGrowth,
      runbook: 'memory-growth',
    },
  ];
  if (latency) {
    alerts.splice(1, 0, {
      uid: 'perfscope-latency-regression-info',
      name: 'PerfScopeLatencyRegressionInfo',
      title: `${latency.name} ${options.regressionPercent} % slower than ${offset} ago`,
      group: 'signals',
      severity: 'info',
      for: '30m',
      // No data before the baseline exists (the first days of a service).
      noDataState: 'OK',
      execErrState: 'KeepLast',
      comparisons: [{ value: (s) => s.latencyRegression(), op: '>', threshold: options.regressionPercent }],
      guard: options.rateWindow,
      summary: `${SERVICE}: ${latency.name} ${options.regressionPercent} % slower than ${offset} ago`,
      description: (v) =>
        `${latency.name} of ${SERVICE} is ${v(0)} % higher than at the same time ${offset} ago: look at the deployments since.`,
      panel: PANELS.regression,
      runbook: 'latency-regression',
    });
  }
  return alerts;
}

/** The options with defaults filled in; a bad value is an error naming the option. */
export function resolveOptions(options: Partial<AlertOptions> = {}): AlertOptions {
  const o = { ...DEFAULT_OPTIONS, ...options };
  if (parseDuration(o.rateWindow) === null) {
    throw new Error(`rateWindow: ${JSON.stringify(o.rateWindow)} is not a Prometheus duration such as 5m`);
  }
  for (const key of [
    'minRequestsPerSecond',
    'dbPoolWarning',
    'regressionPercent',
    'memoryGrowthBytesPerDay',
  ] as const) {
    if (!Number.isFinite(o[key]) || o[key] < 0) {
      throw new Error(`${key} must be a number of 0 or more, not ${o[key]}`);
    }
  }
  return o;
}

/** Every alert of the profile, in a stable order. */
export function alertCatalogue(profile: Profile, options: AlertOptions): AlertSpec[] {
  const all = [
    ...indicatorAlerts(profile, options),
    ...keyIndicatorNoDataAlerts(profile, options),
    ...healthAlerts(options),
    ...overheadAlerts(profile, options),
    ...tierAlerts(profile),
    ...policyAlerts(profile),
    ...signalAlerts(profile, options),
  ];
  const seen = new Set<string>();
  for (const a of all) {
    if (seen.has(a.uid)) {
      throw new Error(`two alerts would share the uid ${a.uid}: rename one of the indicators, domains or tiers`);
    }
    seen.add(a.uid);
  }
  return all;
}
