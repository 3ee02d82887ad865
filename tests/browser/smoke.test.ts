import { existsSync } from 'fs';
import { join, resolve } from 'path';
import type { Browser, Page } from 'playwright-core';

import { launchChromium } from '../helpers/chromium';
import { serveStatic, type StaticServer } from '../helpers/server';

// Loads every built module.js in Chromium the way Grafana does: AMD, with React and @grafana/* provided by the
// host page rather than bundled.
const root = resolve(__dirname, '../..');
const modules = [
  { path: 'dist/module.js', kind: 'AppPlugin' },
  { path: 'dist/datasource/module.js', kind: 'DataSourcePlugin' },
  { path: 'dist/panels/healthscore/module.js', kind: 'PanelPlugin' },
  { path: 'dist/panels/domainoverhead/module.js', kind: 'PanelPlugin' },
  { path: 'dist/panels/sla/module.js', kind: 'PanelPlugin' },
];

let server: StaticServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  for (const f of ['build/browser-host/host.js', ...modules.map((m) => m.path)]) {
    if (!existsSync(join(root, f))) {
      throw new Error(`${f} is missing: run npm run build and npm run build:browser-host first`);
    }
  }
  server = await serveStatic(root);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  await page.goto(`${server.url}/tests/browser/host/index.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test.each(modules)('$path loads as a Grafana $kind', async ({ path, kind }) => {
  const loaded = await page.evaluate(
    async ({ url, kind }) => {
      const w = window as unknown as {
        loadPluginModule(url: string): Promise<{ plugin?: object }>;
        perfscopeHost: { data: Record<string, new (...a: unknown[]) => object> };
      };
      const exports = await w.loadPluginModule(url);
      return {
        hasPlugin: Boolean(exports.plugin),
        isKind: exports.plugin instanceof w.perfscopeHost.data[kind],
      };
    },
    { url: `/${path}`, kind }
  );
  expect(loaded).toEqual({ hasPlugin: true, isKind: true });
});

test('a panel renders with the host React', async () => {
  const text = await page.evaluate(async () => {
    const w = window as unknown as {
      loadPluginModule(url: string): Promise<{ plugin: { panel: unknown } }>;
      perfscopeHost: {
        React: { createElement(c: unknown, p: object): unknown };
        ReactDOMClient: { createRoot(el: Element): { render(n: unknown): void } };
        data: { getDefaultTimeRange(): unknown };
      };
    };
    const { plugin } = await w.loadPluginModule('/dist/panels/healthscore/module.js');
    const el = document.getElementById('root')!;
    const { React, ReactDOMClient, data } = w.perfscopeHost;
    const timeRange = data.getDefaultTimeRange();
    ReactDOMClient.createRoot(el).render(
      React.createElement(plugin.panel, {
        data: { series: [], state: 'Done', timeRange },
        timeRange,
        options: {},
        fieldConfig: { defaults: {}, overrides: [] },
        width: 300,
        height: 200,
        replaceVariables: (s: string) => s,
      })
    );
    await new Promise((r) => setTimeout(r, 100));
    return el.textContent;
  });
  expect(text).not.toBe('');
});

test('nothing failed in the page', () => {
  expect(problems).toEqual([]);
});
