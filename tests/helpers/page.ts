import { existsSync, mkdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { Browser, Page } from 'playwright-core';

import { launchChromium } from './chromium';
import { serveStatic, type StaticServer } from './server';

export const root = resolve(__dirname, '../..');
export const shots = join(root, 'test-results/screenshots');

/**
 * Serves the checkout and starts Chromium before a test file's tests (once the built files it needs are
 * there), and stops both after them. `open(query, ...)` opens the gallery page. With `prometheus`, the
 * Prometheus datasource's resource calls go to the Prometheus at the URL it returns.
 */
export function useHost(built: string[], { prometheus }: { prometheus?: () => string | undefined } = {}) {
  const host = { server: undefined as unknown as StaticServer, browser: undefined as unknown as Browser };
  beforeAll(async () => {
    for (const f of ['build/browser-host/host.js', 'build/browser-host/gallery.js', ...built]) {
      if (!existsSync(join(root, f))) {
        throw new Error(`${f} is missing: run npm run build and npm run build:browser-host first`);
      }
    }
    mkdirSync(shots, { recursive: true });
    host.server = await serveStatic(root, 0, { prometheus });
    host.browser = await launchChromium();
  });
  afterAll(async () => {
    await host.browser?.close();
    await host.server?.close();
  });
  return {
    open: (query: string, viewport: { width: number; height: number }, before?: (page: Page) => Promise<void>) =>
      openPage(host.browser, `${host.server.url}/tests/browser/host/index.html?gallery&${query}`, viewport, before),
  };
}

/**
 * A page of the host that records everything that went wrong in it: errors, console errors, HTTP failures.
 * `before` prepares the page before it loads (e.g. installs a clock).
 */
export async function openPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  before?: (page: Page) => Promise<void>
) {
  const page = await browser.newPage({ viewport });
  await before?.(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Grafana's global styles name Grafana's own fonts (/public/fonts/...), which ship with Grafana, not with the
  // plugin or its npm packages: the page falls back to the system font, as the panels must cope with anyway.
  const grafanaFont = (url: string) => new URL(url).pathname.startsWith('/public/fonts/');
  page.on(
    'console',
    (m) =>
      m.type() === 'error' &&
      !grafanaFont(m.location().url || 'http://x/') &&
      problems.push(`console error: ${m.text()}`)
  );
  page.on(
    'response',
    (r) => r.status() >= 400 && !grafanaFont(r.url()) && problems.push(`HTTP ${r.status()} for ${r.url()}`)
  );
  await page.goto(url);
  await page.evaluate(() => window.perfscopeGallery.ready);
  return { page, problems };
}

interface AxeResult {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
}

/** axe's WCAG 2.1 A and AA violations on the page, each with where it is. */
export async function axeViolations(page: Page): Promise<string[]> {
  // axe is a UMD bundle: hide the host page's AMD define() from it so that it sets window.axe.
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: `(function (define) {\n${axe}\n})(undefined);` });
  // Grafana's buttons fade between colours (e.g. as Save turns enabled): judge the colours they settle on.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined))
    )
  );
  const result = await page.evaluate(
    () =>
      (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }) as Promise<AxeResult>
  );
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join('; ')}`
  );
}
