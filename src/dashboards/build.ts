import type { Dashboard } from '@grafana/schema';

import { DASHBOARDS, DEFAULT_TARGETS } from '../alerting';
import type { Profile } from '../scoring';
import { development } from './development';
import { executive } from './executive';
import { TITLES, type DashboardKey, type DashboardTargets } from './frame';
import { operations } from './operations';
import { ProfileParts } from './profile';

export interface GeneratedDashboard {
  key: DashboardKey;
  uid: string;
  title: string;
  /** The dashboard's JSON model, as dashboards/<key>.json holds it and Grafana's dashboard API takes it. */
  json: Dashboard;
}

/** The file each dashboard is kept in (dashboards/, and the plugin's includes). */
export const dashboardFile = (key: DashboardKey): string => `${key}.json`;

/**
 * PerfScope's three dashboards built from a profile: every threshold, query, label, window and tier of their
 * panels comes from it (or from the recording and alert rules src/alerting builds from it), their datasource
 * variables point at `targets`. Plain TypeScript, no Node API: the CLI writes the result into files and the
 * Settings page's Apply through Grafana's API. Throws, naming the profile field, when a query cannot be used.
 */
export function buildDashboards(
  profile: Profile,
  targets: DashboardTargets = {
    prometheusUid: DEFAULT_TARGETS.prometheusUid,
    perfscopeUid: DEFAULT_TARGETS.perfscopeUid,
  }
): GeneratedDashboard[] {
  const parts = new ProfileParts(profile);
  const builders = { executive, operations, development };
  return (Object.keys(builders) as DashboardKey[]).map((key) => ({
    key,
    uid: DASHBOARDS[key],
    title: TITLES[key],
    json: conform(builders[key](parts, targets).build()) as unknown as Dashboard,
  }));
}

type Json = Record<string, unknown>;

/**
 * The SDK's dashboard as Grafana 12.3+ reads it and @grafana/schema's types declare it: plain JSON (no
 * functions), without the defaults the SDK writes that would change the dashboards or that @grafana/schema
 * 12.4 does not declare, its top-level, panel and query keys in a reading order.
 */
function conform(built: unknown): Json {
  const d = JSON.parse(JSON.stringify(built)) as Json & {
    links?: Json[];
    annotations?: { list?: Json[] };
    templating?: { list?: Json[] };
    panels?: Json[];
  };
  // `placement: "inControlsMenu"` moves a link or an annotation's toggle from above the dashboard into its
  // controls menu (Grafana 12.4's dashboard scene); PerfScope keeps them in sight.
  for (const x of [...(d.links ?? []), ...(d.annotations?.list ?? [])]) {
    delete x.placement;
  }
  // The interval variable's settings, which the SDK writes on every variable.
  for (const v of d.templating?.list ?? []) {
    if (v.type !== 'interval') {
      delete v.auto;
      delete v.auto_min;
      delete v.auto_count;
    }
  }
  if (d.templating?.list) {
    d.templating.list = d.templating.list.map((v) => ordered(v, VARIABLE_KEYS));
  }
  for (const p of d.panels ?? []) {
    // Grafana 12's table panel sets its footer per field (fieldConfig.defaults.custom.footer), not in options.
    if (p.type === 'table') {
      delete (p.options as Json).footer;
    }
    if (Array.isArray(p.targets)) {
      p.targets = (p.targets as Json[]).map((t) => ordered(t, TARGET_KEYS));
    }
    const fieldConfig = p.fieldConfig as { defaults?: Json } | undefined;
    if (fieldConfig?.defaults) {
      fieldConfig.defaults = ordered(fieldConfig.defaults, FIELD_KEYS);
    }
  }
  d.panels = (d.panels ?? []).map((p) => ordered(p, PANEL_KEYS));
  return ordered(d, DASHBOARD_KEYS);
}

// The order dashboards/*.json had when they were written by hand.
const DASHBOARD_KEYS = [
  'uid',
  'title',
  'description',
  'tags',
  'editable',
  'graphTooltip',
  'fiscalYearStartMonth',
  'liveNow',
  'refresh',
  'schemaVersion',
  'version',
  'timezone',
  'weekStart',
  'time',
  'links',
  'templating',
  'annotations',
  'panels',
];
const VARIABLE_KEYS = ['name', 'label', 'type', 'datasource', 'query', 'current', 'refresh', 'includeAll', 'allValue'];
const PANEL_KEYS = ['id', 'type', 'title', 'description', 'gridPos', 'datasource', 'targets', 'fieldConfig', 'options'];
const FIELD_KEYS = ['unit', 'decimals', 'min', 'max', 'custom', 'color', 'thresholds', 'links'];
const TARGET_KEYS = ['refId', 'datasource', 'editorMode', 'queryType', 'expr', 'legendFormat', 'range', 'instant'];

/** The object with `first` keys first, in that order, then the others as they were. */
function ordered(o: Json, first: string[]): Json {
  const keys = [...first.filter((k) => k in o), ...Object.keys(o).filter((k) => !first.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
