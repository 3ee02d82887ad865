// The Overview benchmark (npm run bench:overview): the BUILT app's Overview page in Chromium scoring every
// service of the fixture fleet (scripts/with-prometheus.sh --fleet 1000), with the profile `perfscope discover`
// proposes for it. Its /api/ds/query goes to `frames serve` (tools/frames), which answers from the fleet's
// Prometheus in the frames Grafana's Prometheus datasource returns. Prints, per run and as medians: the time
// from navigation to the first service tiles, the query's round trip, and the page's own work once the answer
// arrived (reading the frames, scoring every service and domain, rendering).
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

import { launchChromium } from '../../helpers/chromium';
import { framesServe } from '../../helpers/framesServe';
import { serveStatic } from '../../helpers/server';

const root = resolve(__dirname, '../../..');
const RUNS = 5;
const BUDGET_MS = 1000;
const PROFILE = 'build/bench/fleet-profile.json';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Installed in the page before it loads: when the /api/ds/query answer arrived and the first tiles appeared.
const TIMINGS = `
window.__overview = {};
const fetched = window.fetch.bind(window);
window.fetch = async (...args) => {
  const query = String(args[0]).includes('/api/ds/query');
  if (query) window.__overview.queryStart = performance.now();
  const answer = await fetched(...args);
  if (query) window.__overview.queryEnd = performance.now();
  return answer;
};
new MutationObserver((_, observer) => {
  if (document.querySelector('ul[aria-label="Health by service"] li')) {
    window.__overview.tiles = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
`;

async function main() {
  const fleet = process.env.PERFSCOPE_FLEET_PROMETHEUS;
  const size = Number(process.env.PERFSCOPE_FLEET_SIZE);
  if (!fleet || !size) {
    console.error('overview bench: run through scripts/with-prometheus.sh --fleet N (npm run bench:overview)');
    process.exit(2);
  }
  for (const f of [
    'build/browser-host/host.js',
    'build/browser-host/gallery.js',
    'dist/module.js',
    'bin/perfscope.js',
  ]) {
    if (!existsSync(join(root, f))) {
      console.error(`overview bench: ${f} is missing: run npm run build, build:browser-host and build:cli first`);
      process.exit(2);
    }
  }
  const { evalTime } = JSON.parse(readFileSync(join(root, 'testdata/presets/expected.json'), 'utf8'));
  mkdirSync(join(root, 'build/bench'), { recursive: true });
  const discovered = spawnSync(
    process.execPath,
    ['bin/perfscope.js', 'discover', '--prometheus', fleet, '--at', evalTime, '--out', PROFILE],
    { cwd: root, encoding: 'utf8' }
  );
  if (discovered.status !== 0) {
    throw new Error(`perfscope discover: ${discovered.stderr}`);
  }
  const { url, child } = await framesServe(fleet);
  const server = await serveStatic(root, 0, { dsQuery: url });
  const browser = await launchChromium();
  const runs: Array<{ tiles: number; query: number; page: number; shown: number }> = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // The fleet lives up to the fixtures' evaluation time: the page's clock says it is then.
      await page.clock.setFixedTime(new Date(evalTime));
      await page.addInitScript(TIMINGS);
      await page.goto(`${server.url}/tests/browser/host/index.html?gallery&app=overview&live&profile=/${PROFILE}`);
      await page
        .evaluate(() => window.perfscopeGallery.ready)
        .catch(async (e: Error) => {
          throw new Error(`${e.message}; the page says: ${(await page.locator('main').innerText()).slice(0, 600)}`);
        });
      const t = await page.evaluate(() => (window as unknown as { __overview: Record<string, number> }).__overview);
      const shown = Number(await page.locator('ul[aria-label="Health by service"]').getAttribute('data-tiles'));
      await page.close();
      if (errors.length > 0) {
        throw new Error(`the page failed: ${errors.join('; ')}`);
      }
      runs.push({ tiles: t.tiles, query: t.queryEnd - t.queryStart, page: t.tiles - t.queryEnd, shown });
    }
  } finally {
    await browser.close();
    await server.close();
    child.kill();
  }
  console.log(
    `overview benchmark: the built Overview page in Chromium, ${size} services, ${RUNS} runs, fresh page each`
  );
  console.log('run   navigation to tiles   query round trip   page work after the answer   services');
  runs.forEach((r, i) =>
    console.log(
      `${String(i + 1).padStart(3)} ${r.tiles.toFixed(0).padStart(17)} ms ${r.query.toFixed(0).padStart(15)} ms ${r.page.toFixed(0).padStart(25)} ms ${String(r.shown).padStart(7)}`
    )
  );
  const m = (k: 'tiles' | 'query' | 'page') => median(runs.map((r) => r[k]));
  console.log(
    `median ${m('tiles').toFixed(0).padStart(14)} ms ${m('query').toFixed(0).padStart(15)} ms ${m('page').toFixed(0).padStart(25)} ms   (${(m('tiles') / BUDGET_MS).toFixed(2)} of ${BUDGET_MS} ms to first render)`
  );
  if (runs.some((r) => r.shown !== size)) {
    throw new Error(`the page scored ${runs.map((r) => r.shown).join(', ')} services, not ${size}`);
  }
}

main().catch((e) => {
  console.error(`overview bench: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
