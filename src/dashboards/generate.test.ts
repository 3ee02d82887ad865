import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildPrometheusRules, DASHBOARDS, DEFAULT_OPTIONS, RECORDED } from '../alerting';
import { rulePeriodWindow, tierWindows } from '../alerting/signals';
import { bandColorName } from '../components/bands';
import {
  defaultProfile,
  metricNames,
  parseDuration,
  periodLength,
  scoreSteps,
  tierFactor,
  validateProfile,
  valueSteps,
  type Indicator,
  type Profile,
} from '../scoring';
import {
  DASHBOARD_DIR,
  generatedDashboards,
  otherProfile,
  panelsOf,
  type DashboardFile,
  type Json,
  type Panel,
} from '../testing/dashboards';
import { buildDashboards, dashboardFile, dashboardText } from '.';

// The generator: dashboards/*.json is its output for the default profile, and for another profile every
// threshold, window, tier, metric and label of the dashboards follows that profile.

const root = join(__dirname, '../..');
// package.json's `dashboards` script.
const REGENERATE =
  'npm run dashboards (npm run -s build:cli && node bin/perfscope.js dashboards --profile testdata/profiles/default.json --out dashboards)';

describe('for the default profile', () => {
  it('writes exactly the checked-in dashboards/*.json', () => {
    const generated = buildDashboards(defaultProfile());
    expect(readdirSync(DASHBOARD_DIR).sort()).toEqual(generated.map((d) => dashboardFile(d.key)).sort());
    const stale = generated
      .filter((d) => readFileSync(join(DASHBOARD_DIR, dashboardFile(d.key)), 'utf8') !== dashboardText(d.json))
      .map((d) => `dashboards/${dashboardFile(d.key)}`);
    if (stale.length > 0) {
      throw new Error(
        `${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} not what the generator (src/dashboards) writes for the default profile. Do not edit them by hand: regenerate them with\n  ${REGENERATE}\nand review the diff.`
      );
    }
  });

  it('is what the regeneration command reads (testdata/profiles/default.json)', () => {
    expect(JSON.parse(readFileSync(join(root, 'testdata/profiles/default.json'), 'utf8'))).toEqual(defaultProfile());
  });

  it('gives each dashboard its uid, title and file', () => {
    expect(buildDashboards(defaultProfile()).map(({ key, uid, title }) => ({ key, uid, title }))).toEqual([
      { key: 'executive', uid: DASHBOARDS.executive, title: 'PerfScope · Executive' },
      { key: 'operations', uid: DASHBOARDS.operations, title: 'PerfScope · Operations' },
      { key: 'development', uid: DASHBOARDS.development, title: 'PerfScope · Development' },
    ]);
    for (const d of buildDashboards(defaultProfile())) {
      expect([d.key, d.json.uid, d.json.title]).toEqual([d.key, d.uid, d.title]);
    }
  });
});

it('writes the same text on every run, laid out as Prettier lays out dashboards/*.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfscope-dashboards-'));
  try {
    const files: string[] = [];
    for (const [name, profile] of [
      ['default', defaultProfile()],
      ['other', otherProfile()],
    ] as const) {
      const first = buildDashboards(profile).map((d) => dashboardText(d.json));
      expect(buildDashboards(profile).map((d) => dashboardText(d.json))).toEqual(first);
      first.forEach((text, i) => {
        files.push(join(dir, `${name}-${i}.json`));
        writeFileSync(files[files.length - 1], text);
      });
    }
    // Prettier's API loads its parsers with import(), which Jest's CommonJS runtime refuses: its CLI, as
    // `npx prettier --check .` runs it, with the repository's settings.
    const prettier = join(root, 'node_modules/prettier/bin/prettier.cjs');
    const config = join(root, '.prettierrc.js');
    expect(() =>
      execFileSync(process.execPath, [prettier, '--check', '--config', config, ...files], { stdio: 'pipe' })
    ).not.toThrow();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('points the datasource variables at the uids it is given', () => {
  const targets = { prometheusUid: 'prom-2', perfscopeUid: 'ps-2' };
  const current = (list: Json[]) =>
    Object.fromEntries(list.filter((v) => v.type === 'datasource').map((v) => [v.name, (v.current as Json).value]));
  for (const d of generatedDashboards(defaultProfile(), targets)) {
    const variables = current((d.json.templating as { list: Json[] }).list);
    expect(variables.datasource).toBe('prom-2');
    expect(variables.perfscope ?? 'ps-2').toBe('ps-2');
  }
  expect(
    generatedDashboards(defaultProfile(), targets).map((d) => JSON.stringify(d.json).includes('perfscope-prometheus'))
  ).toEqual([false, false, false]);
});

it('colours bands as the panels and the PerfScope datasource do', () => {
  const steps = (p: Panel) =>
    (p.fieldConfig as { defaults: { thresholds: { steps: Json[] } } }).defaults.thresholds.steps;
  const health = panelsOf(byKey(generatedDashboards(defaultProfile()), 'executive')).find((p) => p.id === 1)!;
  expect(steps(health).map((s) => s.color)).toEqual(scoreSteps().map((s) => bandColorName[s.band]));
});

it('uses no Node API, so that the Settings page can run it in the browser', () => {
  const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  expect(sources.length).toBeGreaterThan(5);
  for (const file of sources) {
    const imports = [...readFileSync(join(__dirname, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect([file, imports.filter((m) => !m.startsWith('.') && !m.startsWith('@grafana/'))]).toEqual([file, []]);
    expect([file, imports.filter((m) => m.startsWith('../') && /\.\.\/(cli|testing)\b/.test(m))]).toEqual([file, []]);
  }
});

it('names the profile field it cannot build a panel from', () => {
  const profile = defaultProfile();
  profile.domains.domainLatencyQuery = `${profile.domains.domainLatencyQuery} offset 1h`;
  expect(() => buildDashboards(profile)).toThrow(/domains\.domainLatencyQuery already has an offset/);
});

// ------------------------------------------------------------------------------------------------------------
// Another profile: OpenTelemetry metrics labelled by job, other thresholds, a 7-day 99.5 % SLA, a tier off.

const profile: Profile = otherProfile();
const boards = generatedDashboards(profile);
const byKey = (list: DashboardFile[], key: string) => list.find((d) => d.file === `${key}.json`)!.json;
const panel = (key: string, id: number) => panelsOf(byKey(boards, key)).find((p) => p.id === id)!;
const indicator = (id: string) => profile.indicators.find((i) => i.id === id)!;
const stepsOf = (p: Panel) =>
  (p.fieldConfig as { defaults: { thresholds?: { steps: Array<{ color: string; value: number | null }> } } }).defaults
    .thresholds!.steps;
/** Band steps as Grafana's thresholds: the first from null (-Infinity). */
const asThresholds = (steps: Array<{ from: number; band: keyof typeof bandColorName }>) =>
  steps.map((s, i) => ({ color: bandColorName[s.band], value: i === 0 ? null : s.from }));
const exprs = (list: DashboardFile[]) =>
  list.flatMap((d) => panelsOf(d.json).flatMap((p) => (p.targets ?? []).map((t) => ({ d, p, expr: t.expr }))));
const variable = (key: string, name: string) =>
  (byKey(boards, key).templating as { list: Json[] }).list.find((v) => v.name === name)!;

describe('for another profile', () => {
  it('is a valid profile unlike the default in what the dashboards show', () => {
    expect(validateProfile(profile)).toEqual([]);
    const d = defaultProfile();
    expect(profile.serviceLabel).not.toBe(d.serviceLabel);
    expect(profile.sla.period).not.toBe(d.sla.period);
    expect(profile.sla.target).not.toBe(d.sla.target);
    expect(profile.sla.burnRateTiers.filter((t) => !t.enabled).map((t) => t.name)).toEqual(['slow-burn']);
    for (const ind of profile.indicators) {
      const def = d.indicators.find((i) => i.id === ind.id)!;
      expect([ind.id, ind.warning !== def.warning, ind.critical !== def.critical, ind.query !== def.query]).toEqual([
        ind.id,
        true,
        true,
        true,
      ]);
    }
  });

  it("bands the stock panels' values with the profile's thresholds (valueSteps), and scores with scoreSteps", () => {
    const want: Array<[string, number, Indicator | 'score']> = [
      ['operations', 2, indicator('latency_p95')],
      ['development', 1, indicator('latency_p95')],
      ['operations', 5, indicator('error_rate')],
      ['development', 2, indicator('error_rate')],
      ['development', 11, indicator('error_rate')],
      ['operations', 6, indicator('cpu')],
      ['operations', 7, indicator('memory')],
      ['executive', 1, 'score'],
      ['operations', 1, 'score'],
      ['executive', 5, 'score'],
      ['executive', 6, 'score'],
      ['executive', 7, 'score'],
    ];
    for (const [key, id, source] of want) {
      const steps = source === 'score' ? scoreSteps() : valueSteps(source, source.direction);
      expect([key, id, stepsOf(panel(key, id))]).toEqual([key, id, asThresholds(steps)]);
    }
  });

  it('quotes the profile in descriptions, not the defaults', () => {
    const text = (key: string, id: number) => String(panel(key, id).description);
    expect(text('operations', 2)).toContain("The profile's p95 thresholds: 0.4 s warning, 0.8 s critical.");
    expect(text('operations', 5)).toContain("The profile's thresholds: 1 % warning, 3 % critical.");
    expect(text('operations', 6)).toContain("The profile's thresholds: 70 % warning, 85 % critical.");
    expect(text('operations', 7)).toContain("The profile's thresholds: 88 % warning, 97 % critical.");
    expect(text('executive', 3)).toContain('(2 % warning, 4 % critical), and the system total against its 3 % target');
    expect(text('executive', 2)).toContain('99.5 % SLA target over the 7-day SLA period');
    expect(text('executive', 2)).toContain('Its rates are the 2-hour recorded ones');
    expect(text('development', 12)).toContain('against the 0.5 % a 99.5 % SLO allows');
    expect(text('development', 12)).toContain('1x spends the budget exactly in 7 days');
    expect(text('development', 5)).toContain('than at the same time 1 day earlier');
    const defaults = [
      '99.9',
      '0.5 s',
      '30-day SLA',
      '30 days;',
      '4.7 %',
      '14.4x',
      '6x',
      '7 days earlier',
      '7-day base',
    ];
    for (const d of boards) {
      const all = JSON.stringify([d.json.description, panelsOf(d.json).map((p) => [p.title, p.description])]);
      for (const literal of defaults) {
        expect([d.file, literal, all.includes(literal)]).toEqual([d.file, literal, false]);
      }
    }
  });

  it("offers the SLO windows the rules record (enabled tiers' and the 7-day period's), the period chosen", () => {
    const windows = [...new Set([...tierWindows(profile), '7d'])].sort((a, b) => parseDuration(a)! - parseDuration(b)!);
    expect(windows).toEqual(['5m', '1h', '2h', '6h', '1d', '3d', '7d']);
    for (const key of ['operations', 'development']) {
      const v = variable(key, 'slo_window');
      expect([key, v.query, v.current]).toEqual([key, windows.join(','), { text: '7d', value: '7d' }]);
      expect((v.options as Json[]).filter((o) => o.selected).map((o) => o.value)).toEqual(['7d']);
    }
    const recorded = buildPrometheusRules(profile)
      .groups.flatMap((g) => g.rules)
      .filter((r) => 'record' in r && r.record === RECORDED.errorRatio)
      .map((r) => ('labels' in r ? r.labels?.window : undefined));
    expect(recorded.sort()).toEqual([...windows].sort());
  });

  it('reads the SLA period and a step the rules record, and colours burn rates where the enabled tiers fire', () => {
    const sla = panel('executive', 2);
    const target = (refId: string) => sla.targets!.find((t) => t.refId === refId)!.expr;
    expect(target('period')).toBe(
      `${RECORDED.errorRatio}{service=~"$service", window=~"${rulePeriodWindow(profile)}|2h"}`
    );
    // Without the slow-burn tier, 30m is recorded no more: the shortest window with both series is 2h.
    expect(target('requests')).toBe(`${RECORDED.requestsPerSecond}{service=~"$service", window="2h"}`);
    expect([sla.interval, sla.maxDataPoints, sla.timeFrom]).toEqual(['2h', 744, '62d']);
    const period = periodLength('7d', 0);
    const factors = profile.sla.burnRateTiers
      .filter((t) => t.enabled)
      .map((t) => ({ severity: t.severity, factor: tierFactor(t, period) }));
    expect(factors.map((f) => f.severity)).toEqual(['critical', 'warning', 'info']);
    expect(stepsOf(panel('operations', 14))).toEqual([
      { color: 'green', value: null },
      { color: 'blue', value: factors[2].factor },
      { color: 'orange', value: factors[1].factor },
      { color: 'red', value: factors[0].factor },
    ]);
    expect(panel('operations', 14).description).toContain(
      'the enabled tiers alert from 8.4x over 1h (critical), 2.1x over 1d (warning) and 1.17x over 3d (info)'
    );
    expect(JSON.stringify(boards)).not.toMatch(/slow-burn|over 6h \(critical\)/);
  });

  it("takes the alert rules' thresholds for the signals PerfScope alerts on", () => {
    expect(stepsOf(panel('operations', 10))[1].value).toBe(DEFAULT_OPTIONS.dbPoolWarning);
    expect(stepsOf(panel('development', 8))[1].value).toBe(DEFAULT_OPTIONS.memoryGrowthBytesPerDay);
    expect(stepsOf(panel('development', 5)).map((s) => s.value)).toEqual([
      null,
      DEFAULT_OPTIONS.regressionPercent / 2,
      DEFAULT_OPTIONS.regressionPercent,
    ]);
  });

  it("queries the profile's metrics grouped by its service label; only PerfScope's own output says service", () => {
    const all = exprs(boards);
    expect(all.length).toBeGreaterThan(30);
    const http = metricNames(profile.sla.errorRatioQuery)[0];
    expect(http).toBe('http_server_request_duration_seconds_count');
    for (const { d, p, expr } of all.filter((x) => x.expr !== undefined)) {
      const where = `${d.file} panel ${p.id}`;
      expect([where, metricNames(expr!).filter((m) => /^http_request/.test(m))]).toEqual([where, []]);
      // Every grouping and service matcher on the raw metrics is the profile's label.
      const groupings = [...expr!.matchAll(/\b(?:by|on) \(([^)]*)\)/g)].map((m) => m[1].split(', ')[0]);
      expect([where, groupings.filter((g) => g !== 'job' && g !== 'host')]).toEqual([where, []]);
      const matchers = [...expr!.matchAll(/(\w+)=~"\$service"/g)].map((m) => m[1]);
      const recorded = metricNames(expr!).every((m) => m.startsWith('perfscope:'));
      expect([where, [...new Set(matchers)]]).toEqual([where, [recorded ? 'service' : 'job']]);
    }
    expect(variable('operations', 'service').query).toEqual({
      qryType: 1,
      query: `label_values(${http}, job)`,
      refId: 'PrometheusVariableQueryEditor-VariableQuery',
    });
    // The overhead panels read services under `service`, as they read the PerfScope datasource's frames: the
    // raw metrics relabelled (development), or the recorded overhead, which says service (executive).
    for (const t of panel('development', 4).targets!) {
      expect(t.expr).toMatch(/^label_replace\(.*, "service", "\$1", "job", "\(\.\*\)"\)$/);
    }
    expect(panel('executive', 3).targets!.map((t) => t.expr)).toEqual([
      `${RECORDED.domainOverhead}{service=~"$service"}`,
    ]);
  });

  it("uses the profile's indicator queries as they are, and by route or quantile where a panel splits them", () => {
    const latency = indicator('latency_p95').query;
    expect(panel('operations', 2).targets!.map((t) => t.expr)).toEqual([
      latency.replace('histogram_quantile(0.95,', 'histogram_quantile(0.5,'),
      latency,
      latency.replace('histogram_quantile(0.95,', 'histogram_quantile(0.99,'),
    ]);
    expect(panel('operations', 5).targets![0].expr).toBe(indicator('error_rate').query);
    expect(panel('operations', 6).targets![0].expr).toBe(indicator('cpu').query);
    expect(panel('operations', 7).targets![0].expr).toBe(indicator('memory').query);
    expect(panel('operations', 3).targets![0].expr).toBe(indicator('throughput').query);
    expect(panel('development', 1).targets![0].expr).toBe(latency.replace('by (job, le)', 'by (job, route, le)'));
    expect(panel('operations', 4).targets![0].expr).toBe(
      'sum by (job, http_response_status_code) (rate(http_server_request_duration_seconds_count{job=~"$service", http_response_status_code!~"[123].."}[$__rate_interval]))'
    );
  });
});

it('keeps the same panels and layout for any profile that has the indicators they show', () => {
  const shape = (list: DashboardFile[]) =>
    list.map((d) => [d.file, panelsOf(d.json).map((p) => [p.id, p.type, p.gridPos])]);
  expect(shape(boards)).toEqual(shape(generatedDashboards(defaultProfile())));
});
