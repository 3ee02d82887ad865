import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildDashboards, type DashboardTargets } from '../dashboards';
import { defaultProfile, type Profile } from '../scoring';
import { tierWindows } from '../alerting/signals';
import { applyPresets, presetById } from '../scoring/presets/profile';
import type { HttpPreset, ResourcePreset } from '../scoring/presets/presetCatalogue';

// Reading the app's dashboards (dashboards/*.json, or as the generator builds them for another profile) the way
// Grafana loads them: which queries one load sends to Prometheus, directly or through the PerfScope datasource.
// Used by the dashboard tests.

export type Json = Record<string, unknown>;

export interface DashboardFile {
  file: string;
  json: Json & { uid: string; title: string; panels: Panel[] };
}

export interface Panel extends Json {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}

export interface Target extends Json {
  refId: string;
  datasource?: { type?: string; uid?: string };
  expr?: string;
  instant?: boolean;
  range?: boolean;
  hide?: boolean;
  queryType?: string;
}

export const DASHBOARD_DIR = join(__dirname, '../../dashboards');

export function loadDashboards(): DashboardFile[] {
  return readdirSync(DASHBOARD_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.parse(readFileSync(join(DASHBOARD_DIR, file), 'utf8')) }));
}

/** The dashboards the generator builds for a profile, as loadDashboards reads the files. */
export function generatedDashboards(profile: Profile, targets?: DashboardTargets): DashboardFile[] {
  return buildDashboards(profile, targets)
    .map((d) => ({ file: `${d.key}.json`, json: JSON.parse(JSON.stringify(d.json)) as DashboardFile['json'] }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The preset fixture the non-default profile is made for (testdata/presets/expected.json). */
export const OTHER_FIXTURE = 'otel-http+node-exporter';

/**
 * A profile unlike the default in everything a dashboard shows: OpenTelemetry's metrics and node_exporter's
 * (the preset fixture OTHER_FIXTURE), services named by `job`, other thresholds everywhere, a 7-day SLA at
 * 99.5 %, other tier budgets, the slow-burn tier (6h and 30m) off, a 1-day baseline.
 */
export function otherProfile(): Profile {
  const base = defaultProfile();
  const thresholds: Record<string, [number, number, number]> = {
    latency_p95: [0.25, 0.4, 0.8],
    error_rate: [0.2, 1, 3],
    cpu: [60, 70, 85],
    memory: [75, 88, 97],
    availability: [99.5, 99, 98],
    throughput: [2, 1, 0.2],
  };
  for (const ind of base.indicators) {
    [ind.target, ind.warning, ind.critical] = thresholds[ind.id];
  }
  base.domains.defaults = { target: 1, warning: 2, critical: 4 };
  base.domains.system = { target: 3, warning: 6, critical: 9 };
  base.domains.baselineOffset = '1d';
  base.sla.target = 99.5;
  base.sla.period = '7d';
  const budgets: Record<string, number> = { 'fast-burn': 0.05, 'budget-drain': 0.3, 'slow-drain': 0.5 };
  for (const tier of base.sla.burnRateTiers) {
    tier.enabled = tier.name !== 'slow-burn';
    tier.budgetFraction = budgets[tier.name] ?? tier.budgetFraction;
  }
  const [http, resources] = OTHER_FIXTURE.split('+').map((id) => presetById(id)!);
  return applyPresets({ serviceLabel: 'job', http: http as HttpPreset, resources: resources as ResourcePreset }, base);
}

/** Every panel, rows' panels included. */
export const panelsOf = (d: DashboardFile['json']): Panel[] => d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);

export const PROMETHEUS = 'prometheus';
export const PERFSCOPE = 'perfscope-health-datasource';

/** The datasource a target runs on: its own, else its panel's. */
export const datasourceOf = (panel: Panel, target: Target) => target.datasource ?? panel.datasource ?? {};

/**
 * How many Prometheus queries the PerfScope datasource sends for one of its queries (pkg/plugin): one range
 * query per enabled indicator for a health score; domain time and total time for overhead; for the SLA the
 * period and every tier window at the end of the range, latency compliance, and the period over the range; for
 * a group the indicators of the groups' services.
 */
export function perfscopeFanOut(target: Target, profile: Profile): number {
  const indicators = profile.indicators.filter((i) => i.enabled).length;
  const condition = (target.condition ?? {}) as { kind?: string };
  switch (target.queryType ?? 'health') {
    case 'health':
      return indicators;
    case 'domainOverhead':
      return 2;
    case 'sla':
      return 1 + tierWindows(profile).length + 1 + 1;
    case 'mttr':
      return condition.kind === 'tier' ? 2 : condition.kind === 'indicator' ? 1 : indicators;
    case 'group':
      return indicators;
    default:
      return 1;
  }
}

export interface QueryCount {
  variables: number;
  annotations: number;
  panels: Array<{ id: number; title: string; queries: number }>;
  total: number;
}

/** The Prometheus queries one load of the dashboard sends: variables, annotations and every panel's targets. */
export function countQueries(d: DashboardFile['json'], profile: Profile): QueryCount {
  const templating = (d.templating as { list: Json[] }).list;
  // Query variables refresh on load (1) or on time range change (2); datasource and custom ones query nothing.
  const variables = templating.filter((v) => v.type === 'query' && Number(v.refresh) > 0).length;
  const annotations = ((d.annotations as { list: Json[] }).list ?? []).filter(
    (a) => a.enable && (a.datasource as Json | undefined)?.type === PROMETHEUS
  ).length;
  const panels = panelsOf(d)
    .filter((p) => p.type !== 'row')
    .map((p) => ({
      id: p.id,
      title: p.title,
      queries: (p.targets ?? [])
        .filter((t) => !t.hide)
        .reduce((n, t) => {
          const type = datasourceOf(p, t).type;
          return n + (type === PROMETHEUS ? 1 : type === PERFSCOPE ? perfscopeFanOut(t, profile) : 0);
        }, 0),
    }));
  return { variables, annotations, panels, total: variables + annotations + panels.reduce((n, p) => n + p.queries, 0) };
}

/** Dashboard variables filled in for a query Prometheus runs directly (the library's expansion). */
export { interpolate } from '../scoring';
