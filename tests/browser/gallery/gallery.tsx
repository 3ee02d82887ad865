// The gallery page: every case of cases.ts rendered by the BUILT panel modules (loaded as Grafana loads
// them), in one theme and one size, with the recorded frames. React and @grafana/* here are the host page's
// (webpack externals), the very instances the plugins receive.
import React from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import {
  createTheme,
  getDefaultTimeRange,
  EventBusSrv,
  LoadingState,
  PanelOptionsEditorBuilder,
  ThemeContext,
  type AppPlugin,
  type AppPluginMeta,
  type PanelData,
  type PanelPlugin,
} from '@grafana/data';
import { setBackendSrv, setDataSourceSrv, type BackendSrv, type BackendSrvRequest } from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';
import { MemoryRouter } from 'react-router-dom';
import { from } from 'rxjs';

import { defaultProfile } from '../../../src/scoring';
import { recordedResults } from '../../../src/testing/answers';
import { fakeDataSourceSrv } from '../../../src/testing/datasourceSrv';
import { modelledGrafana } from '../../../src/testing/grafanaModel';
import { recordedPanelData, type Recording } from '../../../src/testing/recordings';
import { replaceVariables } from '../../../src/testing/templateSrv';
import { cases, sizes, type GalleryCase, type SizeName } from './cases';
import { compared } from './compare';
import { syntheticHealth, syntheticOverhead } from './synthetic';

declare global {
  interface Window {
    loadPluginModule(url: string): Promise<{ plugin: PanelPlugin }>;
    perfscopeGallery: { ready: Promise<void>; bench: typeof bench; grafana: typeof grafana };
  }
}

const recordings = new Map<string, Promise<Recording>>();
const recording = (name: string) => {
  if (!recordings.has(name)) {
    recordings.set(
      name,
      fetch(`/testdata/frames/${name}.json`).then((r) => r.json())
    );
  }
  return recordings.get(name)!;
};

// What Grafana's API answers the panels and the app's pages: the recorded query results, the datasources they
// name, the Prometheus datasource's resource calls, and Grafana's API as src/testing models it (the app's
// settings, starting with the default profile, the PerfScope datasources, folders, alert rules, dashboards),
// which the settings page saves and applies to and the browser tests read back.
const queryResults = Promise.all([recording('health.prometheus'), recording('domainoverhead.prometheus')]).then(
  recordedResults
);
const grafana = modelledGrafana({
  query: () => {
    throw new Error('/api/ds/query is answered from the recordings');
  },
});
setBackendSrv({
  fetch: (req: BackendSrvRequest) =>
    from(
      (async () => {
        if (req.url === '/api/ds/query' && params.has('live')) {
          // The Overview benchmark: the host's server forwards to a stand-in for Grafana over a live Prometheus.
          const answer = await fetch(req.url, { method: 'POST', body: JSON.stringify(req.data) });
          return { status: answer.status, ok: answer.ok, data: await answer.json() };
        }
        if (req.url === '/api/ds/query') {
          return { status: 200, ok: true, data: (await queryResults)(req).data };
        }
        const modelled = grafana.handle(req);
        if (modelled) {
          if (modelled.status >= 400) {
            throw modelled;
          }
          return { ...modelled, ok: true };
        }
        if (/^\/api\/datasources\/uid\/[^/]+\/resources\//.test(req.url)) {
          // The test's server plays Grafana's resource route (tests/helpers/server.ts); backendSrv rejects a
          // refusal with its status and body.
          const answer = await fetch(req.url, { signal: req.abortSignal });
          const text = await answer.text();
          const data = answer.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
          if (!answer.ok) {
            throw { status: answer.status, data };
          }
          return { status: answer.status, ok: true, data };
        }
        throw { status: 404, data: { message: `${req.url} is not served here` } };
      })()
    ),
} as unknown as BackendSrv);
// The provisioned datasources, and one more of each kind as if created in Grafana's UI (the pages' pickers).
setDataSourceSrv(fakeDataSourceSrv());

const params = new URLSearchParams(location.search);
const themeName = params.get('theme') === 'dark' ? 'dark' : 'light';
const sizeName = (params.get('size') ?? 'large') as SizeName;
const theme = createTheme({ colors: { mode: themeName } });
const plugins = new Map<string, Promise<PanelPlugin>>();

function loadPanel(name: string): Promise<PanelPlugin> {
  if (!plugins.has(name)) {
    plugins.set(
      name,
      window.loadPluginModule(`/dist/panels/${name}/module.js`).then((m) => m.plugin)
    );
  }
  return plugins.get(name)!;
}

/** The options Grafana gives a new panel: each option's default, as the plugin's options builder declares it. */
function defaultOptions(plugin: PanelPlugin): Record<string, unknown> {
  const builder = new PanelOptionsEditorBuilder<Record<string, unknown>>();
  plugin.getPanelOptionsSupplier()(builder, { data: [] });
  const options: Record<string, unknown> = {};
  for (const item of builder.getItems()) {
    if (item.defaultValue !== undefined) {
      const path = item.path.split('.');
      let at = options;
      path.slice(0, -1).forEach((p) => (at = (at[p] ??= {}) as Record<string, unknown>));
      at[path[path.length - 1]] = item.defaultValue;
    }
  }
  return options;
}

async function caseData(c: GalleryCase): Promise<PanelData> {
  const timeRange = getDefaultTimeRange();
  if (c.state === 'loading') {
    return { state: LoadingState.Loading, series: [], timeRange };
  }
  if (c.state === 'nodata') {
    return { state: LoadingState.Done, series: [], timeRange };
  }
  if (c.state === 'error') {
    return {
      state: LoadingState.Error,
      series: [],
      timeRange,
      errors: [{ refId: 'A', message: 'bad_data: 1:5: parse error' }],
    };
  }
  const data = recordedPanelData(await recording(c.recording!), c.refIds);
  if (!c.service) {
    return data;
  }
  // As a dashboard filtered by $service returns it; tables without labels stay (the PerfScope tables).
  const series = data.series.filter((f) =>
    f.fields.every((x) => x.labels?.service === undefined || x.labels.service === c.service)
  );
  return { ...data, series };
}

interface PanelElementProps {
  plugin: PanelPlugin;
  data: PanelData;
  options: Record<string, unknown>;
  width: number;
  height: number;
}

/** A panel as Grafana renders it: the theme in context, the standard panel props. */
export function PanelElement({ plugin, data, options, width, height }: PanelElementProps) {
  const Panel = plugin.panel!;
  return (
    <ThemeContext.Provider value={theme}>
      <Panel
        id={1}
        title=""
        data={data}
        timeRange={data.timeRange}
        timeZone="utc"
        options={options}
        fieldConfig={plugin.fieldConfigDefaults}
        transparent={false}
        width={width}
        height={height}
        renderCounter={0}
        replaceVariables={replaceVariables}
        onOptionsChange={() => {}}
        onFieldConfigChange={() => {}}
        onChangeTimeRange={() => {}}
        eventBus={new EventBusSrv()}
      />
    </ThemeContext.Provider>
  );
}

/** Grafana's own global styles (box-sizing, fonts, form labels), as Grafana's app puts them on every page. */
function GrafanaStyles() {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
    </ThemeContext.Provider>
  );
}

function Card({ c, plugin, data }: { c: GalleryCase; plugin: PanelPlugin; data: PanelData }) {
  const { width, height } = sizes[sizeName];
  const options = { ...defaultOptions(plugin), ...c.options };
  return (
    <figure data-case={c.id} style={{ margin: 0 }}>
      <figcaption style={{ fontSize: 12, color: theme.colors.text.secondary, maxWidth: Math.max(width, 220) }}>
        {c.title}
      </figcaption>
      <div
        data-panel={c.id}
        style={{
          width,
          height,
          padding: 8,
          background: theme.colors.background.primary,
          border: `1px solid ${theme.colors.border.weak}`,
          boxSizing: 'content-box',
          overflow: 'hidden',
        }}
      >
        <PanelElement plugin={plugin} data={data} options={options} width={width} height={height} />
      </div>
    </figure>
  );
}

/** With ?compare: the panel beside Grafana's stock visualisation of the same numbers, at the same size. */
function Compared({ c, plugin, data }: { c: GalleryCase; plugin: PanelPlugin; data: PanelData }) {
  const { width, height } = sizes[sizeName];
  const { name, Stock } = compared[c.id];
  const box = {
    width,
    height,
    padding: 8,
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    boxSizing: 'content-box' as const,
    overflow: 'hidden',
  };
  return (
    <div data-compare={c.id} style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      <Card c={c} plugin={plugin} data={data} />
      <figure style={{ margin: 0 }}>
        <figcaption style={{ fontSize: 12, color: theme.colors.text.secondary }}>Stock {name}, same numbers</figcaption>
        <div style={box}>
          <ThemeContext.Provider value={theme}>
            <Stock data={data} width={width} height={height} theme={theme} />
          </ThemeContext.Provider>
        </div>
      </figure>
    </div>
  );
}

function Header() {
  const link = (theme: string, size: string) =>
    `?gallery&theme=${theme}&size=${size}${params.has('compare') ? '&compare' : ''}`;
  return (
    <header style={{ marginBottom: 16 }}>
      <h1 style={{ fontSize: 18, margin: '0 0 8px' }}>
        PerfScope panels: {themeName} theme, {sizeName}
      </h1>
      <nav aria-label="Theme and size" style={{ display: 'flex', gap: 12, fontSize: 13 }}>
        {['light', 'dark'].flatMap((t) =>
          Object.keys(sizes).map((s) => (
            <a key={`${t}${s}`} href={link(t, s)} style={{ color: theme.colors.text.link }}>
              {t} {s}
            </a>
          ))
        )}
      </nav>
    </header>
  );
}

async function render() {
  document.body.style.background = theme.colors.background.canvas;
  document.body.style.color = theme.colors.text.primary;
  document.body.style.fontFamily = theme.typography.fontFamily;
  document.documentElement.lang = 'en';
  const compare = params.has('compare');
  const shown = compare ? cases.filter((c) => compared[c.id]) : cases;
  const loaded = await Promise.all(
    shown.map(async (c) => ({ c, plugin: await loadPanel(c.panel), data: await caseData(c) }))
  );
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <main>
      <GrafanaStyles />
      <Header />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}>
        {loaded.map(({ c, plugin, data }) =>
          compare ? (
            <Compared key={c.id} c={c} plugin={plugin} data={data} />
          ) : (
            <Card key={c.id} c={c} plugin={plugin} data={data} />
          )
        )}
      </div>
    </main>
  );
  // Done when no panel is still reading the app settings (the loading case stays loading on purpose).
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const waiting = [...document.querySelectorAll('[data-panel]')].filter(
      (el) => el.getAttribute('data-panel') !== 'health-loading' && el.querySelector('[data-testid="panel-loading"]')
    );
    if (shown.every((c) => document.querySelector(`[data-panel="${c.id}"]`)) && waiting.length === 0) {
      return;
    }
  }
  throw new Error('the panels did not finish rendering');
}

/**
 * The render benchmark: mounts a panel on synthetic data (a fresh data object each time, so nothing is
 * memoised between runs) and times React's render and commit, and the browser's layout after it.
 */
async function bench(panel: 'healthscore' | 'domainoverhead', count: number, runs: number) {
  const plugin = await loadPanel(panel);
  const size = panel === 'healthscore' ? { width: 1200, height: 800 } : { width: 900, height: 800 };
  const options = { ...defaultOptions(plugin), ...(panel === 'healthscore' ? { display: 'grid' } : {}) };
  const host = document.getElementById('root')!;
  const make = () => (panel === 'healthscore' ? syntheticHealth(count) : syntheticOverhead(count));
  // Warm up: the panel reads the app settings once, and the JIT compiles the hot paths.
  for (let i = 0; i < 3; i++) {
    const root = createRoot(host);
    flushSync(() => root.render(<PanelElement plugin={plugin} data={make()} options={options} {...size} />));
    await new Promise((r) => setTimeout(r, 50));
    root.unmount();
  }
  const render: number[] = [];
  const layout: number[] = [];
  let shown = 0;
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const data = make();
    const root = createRoot(host);
    const t0 = performance.now();
    flushSync(() => root.render(<PanelElement plugin={plugin} data={data} options={options} {...size} />));
    const t1 = performance.now();
    void host.getBoundingClientRect().height;
    const t2 = performance.now();
    render.push(t1 - t0);
    layout.push(t2 - t0);
    shown = host.querySelectorAll('li, tr[data-domain]').length;
    // A virtualised grid draws the tiles in view and says how many it has.
    total = Number(host.querySelector('[data-tiles]')?.getAttribute('data-tiles') ?? shown);
    root.unmount();
  }
  return { render, layout, shown, total };
}

/** The app's pages from the built dist/module.js: the overview, or the settings (the app's config page). */
async function renderApp(page: string) {
  const { plugin } = (await window.loadPluginModule('/dist/module.js')) as unknown as { plugin: AppPlugin };
  // ?profile=URL: the app's settings hold another profile (the Overview benchmark's, discovered on its fleet).
  const profile = params.has('profile') ? await (await fetch(params.get('profile')!)).json() : defaultProfile();
  if (params.has('profile')) {
    grafana.handle({
      url: '/api/plugins/perfscope-health-app/settings',
      method: 'POST',
      data: { jsonData: { profile } },
    });
  }
  const meta = {
    id: 'perfscope-health-app',
    name: 'PerfScope',
    type: 'app',
    enabled: true,
    pinned: true,
    jsonData: { profile },
    info: {},
  } as unknown as AppPluginMeta;
  plugin.meta = meta;
  const Root = plugin.root!;
  const Config = plugin.configPages![0].body;
  document.body.style.background = theme.colors.background.primary;
  document.body.style.color = theme.colors.text.primary;
  document.body.style.fontFamily = theme.typography.fontFamily;
  createRoot(document.getElementById('root')!).render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <main style={{ padding: 16 }} data-app-page={page}>
        <MemoryRouter initialEntries={['/overview']}>
          {page === 'settings' ? (
            <Config plugin={plugin} query={{}} />
          ) : (
            <Root
              meta={meta}
              basename="/a/perfscope-health-app"
              query={{}}
              path="/a/perfscope-health-app"
              onNavChanged={() => {}}
            />
          )}
        </MemoryRouter>
      </main>
    </ThemeContext.Provider>
  );
  const done =
    page === 'settings' ? 'section[aria-labelledby="perfscope-sla"]' : 'ul[aria-label="Health by service"] li';
  // 10 s; a minute for the Overview benchmark, whose live fleet Prometheus answers in seconds.
  const waits = params.has('live') ? 2400 : 400;
  for (let i = 0; i < waits && !document.querySelector(done); i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!document.querySelector(done)) {
    throw new Error(`the ${page} page did not finish rendering`);
  }
}

const app = params.get('app');
window.perfscopeGallery = {
  ready: params.has('bench') ? Promise.resolve() : app ? renderApp(app) : render(),
  bench,
  grafana,
};
