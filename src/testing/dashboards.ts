import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Profile } from '../scoring';
import { tierWindows } from '../alerting/signals';

// Reading the provisioned dashboards (dashboards/*.json) the way Grafana loads them: which queries one load
// sends to Prometheus, directly or through the PerfScope datasource. Used by the dashboard tests.

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

/** Every panel, rows' panels included. */
export const panelsOf = (d: DashboardFile['json']): Panel[] => d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);

export const PROMETHEUS = 'prometheus';
export const PERFSCOPE = 'perfscope-health-datasource';

/** The datasource a target runs on: its own, else its panel's. */
export const datasourceOf = (panel: Panel, target: Target) => target.datasource ?? panel.datasource ?? {};

/**
 * How many Prometheus queries the PerfScope datasource sends for one of its queries (pkg/plugin): one range
 * query per enabled indicator for a health score; domain time and total time for overhead; for the SLA the
 * period and every tier window at the end of the range, latency compliance, and the period over the range.
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
