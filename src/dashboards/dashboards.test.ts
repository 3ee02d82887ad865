/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { defaultDashboard } from '@grafana/schema';

import { DASHBOARDS, DEFAULT_TARGETS, PANELS } from '../alerting';
import { defaultProfile, promqlSyntaxError } from '../scoring';
import {
  countQueries,
  datasourceOf,
  generatedDashboards,
  loadDashboards,
  otherProfile,
  panelsOf,
  PERFSCOPE,
  PROMETHEUS,
  type Json,
} from '../testing/dashboards';
import { buildDashboards, dashboardFile } from '.';

const dashboards = loadDashboards();
const profile = defaultProfile();
// The generator's dashboards for a profile unlike the default (generate.test.ts checks what follows it): they
// must hold together as the checked-in ones do.
const others = generatedDashboards(otherProfile());

it('ships the three dashboards with their stable uids, tagged and linked to each other', () => {
  expect(dashboards.map((d) => [d.file, d.json.uid])).toEqual([
    ['development.json', DASHBOARDS.development],
    ['executive.json', DASHBOARDS.executive],
    ['operations.json', DASHBOARDS.operations],
  ]);
  for (const { json } of dashboards) {
    expect(json.tags).toContain('perfscope');
    // A dashboards link by tag lists the other PerfScope dashboards, keeping the time range and variables.
    expect(json.links).toContainEqual(
      expect.objectContaining({ type: 'dashboards', tags: ['perfscope'], includeVars: true, keepTime: true })
    );
    expect(json.id ?? null).toBeNull();
  }
});

it("uses the schema version Grafana 12.3+ writes (@grafana/schema's)", () => {
  for (const { json } of dashboards) {
    expect(json.schemaVersion).toBe(defaultDashboard.schemaVersion);
  }
});

it('offers datasource, service, domain and SLO window variables, each where it is used', () => {
  const defaults: Record<string, unknown> = {
    datasource: DEFAULT_TARGETS.prometheusUid,
    perfscope: DEFAULT_TARGETS.perfscopeUid,
    service: ['$__all'],
    domain: ['$__all'],
    slo_window: '30d',
  };
  const all = new Set<string>();
  for (const { json } of dashboards) {
    const list = (json.templating as { list: Json[] }).list;
    const { templating: _variables, ...rest } = json;
    const uses = JSON.stringify([rest, list.map((v) => v.query)]);
    expect(list[0].name).toBe('datasource');
    for (const v of list) {
      const name = String(v.name);
      all.add(name);
      expect([name, (v.current as Json).value]).toEqual([name, defaults[name]]);
      // Every variable changes some query (or another variable's).
      expect([name, new RegExp(`\\$\\{?${name}\\b`).test(uses)]).toEqual([name, true]);
    }
  }
  expect([...all].sort()).toEqual(Object.keys(defaults).sort());
});

// The executive dashboard keeps to 8 queries a load: no domain or SLO window variable (Operations has both).
const VARIABLES: Record<string, string[]> = {
  [DASHBOARDS.executive]: ['datasource', 'service'],
  [DASHBOARDS.operations]: ['datasource', 'service', 'domain', 'slo_window'],
  [DASHBOARDS.development]: ['datasource', 'service', 'domain', 'slo_window'],
};

it('lets every dashboard choose the datasource and service, and the others domain and SLO window, each used by a panel query', () => {
  for (const { json } of dashboards) {
    const names = (json.templating as { list: Json[] }).list.map((v) => v.name).filter((n) => n !== 'perfscope');
    expect([json.uid, names]).toEqual([json.uid, VARIABLES[json.uid as string]]);
    const queries = JSON.stringify(panelsOf(json).flatMap((p) => (p.targets ?? []).filter((t) => !t.hide)));
    for (const name of names.filter((n) => n !== 'datasource')) {
      expect([json.uid, name, new RegExp(`\\$\\{?${name}\\b`).test(queries)]).toEqual([json.uid, name, true]);
    }
    expect([json.uid, queries.includes('"uid":"${datasource}"')]).toEqual([json.uid, true]);
  }
});

describe.each([
  ...dashboards.map((d) => [d.json.uid, d.json] as const),
  ...others.map((d) => [`${d.json.uid} for another profile`, d.json] as const),
])('%s', (_uid, json) => {
  const panels = panelsOf(json);

  it('describes every panel, with unique ids, on the 24-column grid without overlaps', () => {
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const cells = new Set<string>();
    for (const p of panels) {
      expect([p.id, typeof p.description === 'string' && (p.description as string).length > 30]).toEqual([p.id, true]);
      const g = p.gridPos as { x: number; y: number; w: number; h: number };
      expect(g.x + g.w).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('points every datasource at a variable of the right type or a provisioned uid', () => {
    const variables = new Map(
      (json.templating as { list: Json[] }).list.filter((v) => v.type === 'datasource').map((v) => [v.name, v.query])
    );
    const provisioned: Record<string, string> = {
      [DEFAULT_TARGETS.prometheusUid]: PROMETHEUS,
      [DEFAULT_TARGETS.perfscopeUid]: PERFSCOPE,
      '-- Grafana --': 'grafana',
      '-- Dashboard --': 'datasource',
    };
    const check = (ref: { type?: string; uid?: string }) => {
      const variable = /^\$\{?(\w+)\}?$/.exec(ref.uid ?? '');
      expect(variable ? variables.get(variable[1]) : provisioned[ref.uid ?? '']).toBe(ref.type);
    };
    for (const p of panels) {
      if (p.datasource) {
        check(p.datasource);
      }
      for (const t of p.targets ?? []) {
        check(datasourceOf(p, t));
        expect(datasourceOf(p, t)).toEqual(p.datasource);
      }
    }
    for (const a of (json.annotations as { list: Array<{ datasource: { type?: string; uid?: string } }> }).list) {
      check(a.datasource);
    }
    for (const v of (json.templating as { list: Json[] }).list.filter((x) => x.datasource)) {
      check(v.datasource as { type: string; uid: string });
    }
  });

  it('writes valid PromQL in every query, variables included', () => {
    const queries = [
      ...panels.flatMap((p) =>
        (p.targets ?? []).filter((t) => t.expr !== undefined).map((t) => [`panel ${p.id}`, t.expr!])
      ),
      ...(json.annotations as { list: Json[] }).list
        .filter((a) => (a.target as Json | undefined)?.expr)
        .map((a) => ['annotation', String((a.target as Json).expr)]),
      ...(json.templating as { list: Json[] }).list
        .filter((v) => v.type === 'query')
        .map((v) => ['variable', String((v.query as Json).query).replace(/^label_values\((.*), \w+\)$/, '$1')]),
    ];
    expect(queries.length).toBeGreaterThan(0);
    for (const [where, expr] of queries) {
      expect([where, expr, promqlSyntaxError(expr)]).toEqual([where, expr, null]);
    }
  });

  it('gives every target a unique refId and names the PerfScope query type', () => {
    for (const p of panels) {
      const refIds = (p.targets ?? []).map((t) => t.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const t of p.targets ?? []) {
        if (datasourceOf(p, t).type === PERFSCOPE) {
          expect(['health', 'domainOverhead', 'sla', 'mttr', 'promql']).toContain(t.queryType);
        }
      }
    }
  });
});

it('has the panels the alert rules link to', () => {
  for (const [name, ref] of Object.entries(PANELS)) {
    const d = dashboards.find((x) => x.json.uid === ref.dashboardUid)!;
    expect([name, panelsOf(d.json).some((p) => p.id === ref.panelId)]).toEqual([name, true]);
  }
  const titles = Object.fromEntries(
    Object.entries(PANELS).map(([name, ref]) => [
      name,
      panelsOf(dashboards.find((x) => x.json.uid === ref.dashboardUid)!.json).find((p) => p.id === ref.panelId)!.title,
    ])
  );
  expect(titles).toEqual({
    healthBreakdown: 'Health breakdown',
    latency: 'Latency p50 / p95 / p99',
    errorRate: 'Error rate',
    cpu: 'CPU',
    memory: 'Memory',
    dbPool: 'Database pool',
    sla: 'SLA and error budget',
    overhead: 'Domain overhead',
    regression: 'Latency p95 against 7 days ago',
    memoryGrowth: 'Memory growth per day (leak indicator)',
  });
});

it("uses PerfScope's panels for health, overhead and SLA", () => {
  const types = new Set(dashboards.flatMap((d) => panelsOf(d.json).map((p) => p.type)));
  for (const type of ['perfscope-healthscore-panel', 'perfscope-domainoverhead-panel', 'perfscope-sla-panel']) {
    expect(types).toContain(type);
  }
});

// The README's "Measured" table: the Prometheus queries one load of each dashboard sends, panel by panel.
const QUERIES: Record<
  string,
  { total: number; variables: number; annotations: number; panels: Record<string, number> }
> = {
  [DASHBOARDS.executive]: {
    total: 8,
    variables: 1,
    annotations: 0,
    panels: {
      'Health score': 1,
      'SLA and error budget': 4,
      'Domain overhead': 1,
      'Active alerts by severity': 0,
      'Health score, last 24 hours': 0,
      'Health score, last 7 days': 0,
      'Health score, last 30 days': 1,
    },
  },
  [DASHBOARDS.operations]: {
    total: 23,
    variables: 2,
    annotations: 0,
    panels: {
      'Health breakdown': 5,
      Alerts: 0,
      'Latency p50 / p95 / p99': 3,
      Throughput: 1,
      'Errors by code': 1,
      'Error rate': 1,
      CPU: 1,
      Memory: 1,
      'Disk used': 1,
      Network: 2,
      'Database pool': 1,
      'Database query time p95': 1,
      'Cache hit ratio': 1,
      'Errors by domain': 1,
      'Error budget burn rate over $slo_window': 1,
    },
  },
  [DASHBOARDS.development]: {
    total: 16,
    variables: 2,
    annotations: 1,
    panels: {
      'Latency p95 by endpoint': 1,
      'Error rate by endpoint': 1,
      'Latency by domain': 1,
      'Error rate by domain': 1,
      'Domain overhead': 2,
      'Error budget spent by endpoint over $slo_window': 1,
      'Latency p95 against 7 days ago': 1,
      'Endpoints against 7 days ago': 1,
      'Domains against 7 days ago': 1,
      'Memory growth per day (leak indicator)': 1,
      'Resident memory': 1,
      'Slowest queries': 1,
    },
  },
};

it.each(dashboards.map((d) => [d.json.uid, d.json] as const))(
  '%s sends the Prometheus queries of the README per load',
  (uid, json) => {
    const c = countQueries(json, profile);
    expect({
      total: c.total,
      variables: c.variables,
      annotations: c.annotations,
      panels: Object.fromEntries(c.panels.map((p) => [p.title, p.queries])),
    }).toEqual(QUERIES[uid]);
  }
);

it('keeps one load of the executive dashboard at 8 Prometheus queries or fewer', () => {
  expect(
    countQueries(dashboards.find((d) => d.json.uid === DASHBOARDS.executive)!.json, profile).total
  ).toBeLessThanOrEqual(8);
});

it("includes the dashboards in the app so Grafana imports them with it, by uid so they are in the app's navigation", () => {
  const plugin = JSON.parse(readFileSync(join(__dirname, '../plugin.json'), 'utf8'));
  const included = plugin.includes.filter((i: Json) => i.type === 'dashboard');
  expect(included.map((i: Json) => i.path).sort()).toEqual(dashboards.map((d) => `dashboards/${d.file}`));
  // Grafana links an include into the app's navigation only when it has a uid (pkg/plugins/plugins.go
  // DashboardURLPath): each include's is its dashboard's, as the generator writes it, whatever the profile.
  for (const g of [...buildDashboards(profile), ...buildDashboards(otherProfile())]) {
    const i = included.find((x: Json) => x.path === `dashboards/${dashboardFile(g.key)}`);
    expect([g.key, i?.uid, i?.name, i?.addToNav]).toEqual([g.key, g.uid, g.title, true]);
  }
  for (const i of included) {
    const d = dashboards.find((x) => `dashboards/${x.file}` === i.path)!;
    expect([i.path, i.name, i.uid]).toEqual([i.path, d.json.title, d.json.uid]);
  }
});
