import { existsSync, mkdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { Browser, Page } from 'playwright-core';

import { launchChromium } from './chromium';
import { cases, sizes, themes, type SizeName } from './gallery/cases';
import { serveStatic, type StaticServer } from './server';

// The built panels (dist/), loaded by the gallery page as Grafana loads them, with the recorded frames: in
// both themes at three sizes, each case must show its text, pass axe and leave a screenshot.
const root = resolve(__dirname, '../..');
const shots = join(root, 'test-results/screenshots');
const built = [
  'build/browser-host/host.js',
  'build/browser-host/gallery.js',
  ...['healthscore', 'domainoverhead', 'sla'].map((p) => `dist/panels/${p}/module.js`),
];

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  for (const f of built) {
    if (!existsSync(join(root, f))) {
      throw new Error(`${f} is missing: run npm run build and npm run build:browser-host first`);
    }
  }
  mkdirSync(shots, { recursive: true });
  server = await serveStatic(root);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface AxeResult {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
}

describe.each(themes)('%s theme', (theme) => {
  describe.each(Object.keys(sizes) as SizeName[])('%s panels', (size) => {
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: 1760, height: 1000 } });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
      page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
      await page.goto(`${server.url}/tests/browser/host/index.html?gallery&theme=${theme}&size=${size}`);
      await page.evaluate(() => window.perfscopeGallery.ready);
    });

    afterAll(() => page?.close());

    test.each(cases)('$id shows what it should', async (c) => {
      const panel = page.locator(`[data-panel="${c.id}"]`);
      const text = await panel.evaluate((el) => (el as HTMLElement).innerText);
      const expected = [...c.shows, ...(size === 'small' ? [] : (c.showsWhenRoomy ?? []))];
      for (const s of expected) {
        expect([c.id, text.includes(s) ? s : text]).toEqual([c.id, s]);
      }
      const box = (await panel.boundingBox())!;
      expect([Math.round(box.width), Math.round(box.height)]).toEqual([
        sizes[size].width + 18,
        sizes[size].height + 18,
      ]);
      await page.locator(`[data-case="${c.id}"]`).screenshot({ path: join(shots, `${theme}-${size}-${c.id}.png`) });
    });

    test('passes the axe accessibility check (WCAG 2.1 A and AA)', async () => {
      // axe is a UMD bundle: hide the host page's AMD define() from it so that it sets window.axe.
      const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      await page.addScriptTag({ content: `(function (define) {\n${axe}\n})(undefined);` });
      const result = await page.evaluate(
        () =>
          (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<AxeResult> } }).axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          }) as Promise<AxeResult>
      );
      const found = result.violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} at ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')}`
      );
      expect(found).toEqual([]);
    });

    test('nothing failed in the page', () => {
      expect(problems).toEqual([]);
    });
  });
});
