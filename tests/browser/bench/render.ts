// The render benchmark (npm run bench): the BUILT panels in Chromium, as Grafana loads them, rendering the
// domain overhead panel with 100 domains and the health panel's grid with 200 and 1,000 services (virtualised:
// it draws the tiles in view and says how many it has). Each run mounts the
// panel on fresh data, so the time covers reading the frames, the scoring and React's render and commit.
import { existsSync } from 'fs';
import { join, resolve } from 'path';

import { launchChromium } from '../../helpers/chromium';
import { serveStatic } from '../../helpers/server';

const root = resolve(__dirname, '../../..');
const RUNS = 40;
const BUDGET_MS = 16;

const cases = [
  { name: 'domain overhead, 100 domains', panel: 'domainoverhead', count: 100 },
  { name: 'health grid, 200 services', panel: 'healthscore', count: 200 },
  { name: 'health grid, 1,000 services', panel: 'healthscore', count: 1000 },
] as const;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function main() {
  for (const f of [
    'build/browser-host/gallery.js',
    'dist/panels/healthscore/module.js',
    'dist/panels/domainoverhead/module.js',
  ]) {
    if (!existsSync(join(root, f))) {
      console.error(`render bench: ${f} is missing: run npm run build and npm run build:browser-host first`);
      process.exit(2);
    }
  }
  const server = await serveStatic(root);
  const browser = await launchChromium();
  let slow = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/tests/browser/host/index.html?gallery&bench=1`);
    console.log(`render benchmark: built panels in Chromium, ${RUNS} runs each, fresh data every run`);
    console.log('panel                          median render   p90 render   median to layout   drawn of all   budget');
    for (const c of cases) {
      const r = await page.evaluate(({ panel, count, runs }) => window.perfscopeGallery.bench(panel, count, runs), {
        panel: c.panel,
        count: c.count,
        runs: RUNS,
      });
      if (r.total !== c.count) {
        throw new Error(`${c.name}: the panel had ${r.total} rows or tiles, not ${c.count}`);
      }
      const median = quantile(r.render, 0.5);
      slow ||= median > BUDGET_MS;
      console.log(
        `${c.name.padEnd(30)} ${median.toFixed(2).padStart(10)} ms ${quantile(r.render, 0.9).toFixed(2).padStart(9)} ms ${quantile(r.layout, 0.5).toFixed(2).padStart(14)} ms ${`${r.shown} of ${r.total}`.padStart(13)}   ${(median / BUDGET_MS).toFixed(2)} of ${BUDGET_MS} ms`
      );
    }
    if (errors.length > 0) {
      throw new Error(`the page failed: ${errors.join('; ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (slow) {
    console.log(`render bench: a median render is over the ${BUDGET_MS} ms budget`);
  }
}

main().catch((e) => {
  console.error(`render bench: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
