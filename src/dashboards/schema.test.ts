/** @jest-environment node */
import { join } from 'node:path';

import ts from 'typescript';

import { generatedDashboards, loadDashboards, otherProfile, panelsOf, type Json } from '../testing/dashboards';

// Type-checks each dashboard, written out as a TypeScript object literal, against @grafana/schema's Dashboard
// and each panel's options and field config against its panel's own types: a misspelt or misplaced field, a
// wrong enum value or a wrong type is a compile error naming the file and the place.

const root = join(__dirname, '../..');
const composable = (panel: string, name: string) =>
  `@grafana/schema/dist/esm/raw/composable/${panel}/panelcfg/x/${name}PanelCfg_types.gen`;

/** The options and field config types of each panel type; others are checked as generic panels. */
const PANEL_TYPES: Record<string, { options: string; custom?: string }> = {
  timeseries: {
    options: `import('${composable('timeseries', 'TimeSeries')}').Options`,
    custom: `import('${composable('timeseries', 'TimeSeries')}').FieldConfig`,
  },
  stat: { options: `import('${composable('stat', 'Stat')}').Options` },
  bargauge: { options: `import('${composable('bargauge', 'BarGauge')}').Options` },
  table: {
    options: `import('${composable('table', 'Table')}').Options`,
    custom: `import('${composable('table', 'Table')}').FieldConfig`,
  },
  'perfscope-healthscore-panel': { options: "import('../src/panels/healthscore/types').HealthScoreOptions" },
  'perfscope-domainoverhead-panel': { options: "import('../src/panels/domainoverhead/types').DomainOverheadOptions" },
  'perfscope-sla-panel': { options: "import('../src/panels/sla/types').SlaOptions" },
};

const PRELUDE = `
import type { AnnotationQuery, Dashboard, DataQuery, Panel, FieldConfigSource } from '@grafana/schema';
// JSON has no enums: string enums take their values' literals (numeric enums accept their numbers as they are).
type Json<T> = unknown extends T ? unknown
  : T extends string ? \`\${T}\`
  : T extends number | boolean | null | undefined ? T
  : T extends Array<infer U> ? Array<Json<U>>
  : { [K in keyof T]: Json<T[K]> };
type Typed<O, C> = Json<Omit<Panel, 'options' | 'fieldConfig'> & { options?: O; fieldConfig?: FieldConfigSource<C> }>;
// A Prometheus annotation: its query in target, and the options Grafana's Prometheus datasource reads beside it.
type PrometheusAnnotation = AnnotationQuery<DataQuery & { expr: string }> & {
  step?: string; titleFormat?: string; tagKeys?: string; textFormat?: string; useValueForTime?: boolean;
};
type Board = Omit<Dashboard, 'panels' | 'annotations'> & { annotations?: { list?: Array<AnnotationQuery | PrometheusAnnotation> } };
`;

function source(dashboard: Json & { panels: Json[] }): string {
  const { panels, ...rest } = dashboard;
  const lines = [PRELUDE, `export const dashboard: Json<Board> = ${JSON.stringify(rest, null, 2)};`];
  panelsOf(dashboard as never).forEach((panel, i) => {
    const types = PANEL_TYPES[panel.type];
    const type = types ? `Typed<${types.options}, ${types.custom ?? 'Record<string, unknown>'}>` : 'Json<Panel>';
    lines.push(`export const panel${i}: ${type} = ${JSON.stringify(panel, null, 2)};`);
  });
  expect(panels.length).toBeGreaterThan(0);
  return lines.join('\n');
}

/** Diagnostics of one in-memory file compiled with the project's settings. */
function typeErrors(fileName: string, text: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    }
  )!;
  const options = { ...config.options, noEmit: true, skipLibCheck: true, noUnusedLocals: false };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) =>
    name === fileName ? ts.createSourceFile(name, text, version, true) : read(name, version, onError);
  host.fileExists = (
    (exists) => (name: string) =>
      name === fileName || exists(name)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(fileName)).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    return `${where ? `line ${where.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

it.each([
  ...loadDashboards().map((d) => [d.file, d.json] as const),
  // What the generator builds for another profile (OpenTelemetry metrics, another label, windows and tiers).
  ...generatedDashboards(otherProfile()).map((d) => [`${d.file} for another profile`, d.json] as const),
])(
  '%s matches the @grafana/schema types',
  (file, json) => {
    expect(typeErrors(join(root, `dashboards/${file.replace(/ /g, '-')}.check.ts`), source(json))).toEqual([]);
  },
  60_000
);

it('finds a misspelt field, a wrong enum value and a wrong option type', () => {
  const [first] = loadDashboards();
  const broken = JSON.parse(JSON.stringify(first.json));
  broken.graphTooltips = 1;
  broken.panels.find((p: Json) => p.type === 'timeseries').fieldConfig.defaults.thresholds.mode = 'relative';
  broken.panels.find((p: Json) => p.type === 'perfscope-domainoverhead-panel').options.sortBy = 'size';
  const errors = typeErrors(join(root, 'dashboards/broken.check.ts'), source(broken)).join('\n');
  expect(errors).toMatch(/"graphTooltips"' does not exist in type/);
  expect(errors).toMatch(/Type '"relative"' is not assignable to type '"absolute" \| "percentage"'/);
  expect(errors).toMatch(/Type '"size"' is not assignable to type '"name" \| "overhead" \| "band"'/);
  expect(errors.split('\n')).toHaveLength(3);
}, 60_000);
