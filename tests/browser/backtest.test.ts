import type { ChildProcess } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';

import { spokenDuration, tierSentence } from '../../src/pages/settings/backtestWords';
import { launchChromium } from '../helpers/chromium';
import { fixturePrometheus, type FixturePrometheus } from '../helpers/fixturePrometheus';
import { framesServe } from '../helpers/framesServe';
import { axeViolations, openPage, root, shots } from '../helpers/page';
import { serveStatic, type StaticServer } from '../helpers/server';

// The Settings page's back-test in the built plugin, in Chromium: the draft is testdata/profiles/tight.json
// (pasted), the saved profile the default one; the page's /api/ds/query goes through `frames serve` (Grafana's
// Prometheus datasource's frames) to the fixture Prometheus, at the fixtures' evaluation time. Each tier's
// sentence and each rule's row must give expected.json's backtest counts summed over the five services.

interface Count {
  fired: number;
  totalMinutes: number;
  longestMinutes: number;
  orIfTied?: Count;
}
const backtest: {
  range: string;
  profiles: Record<string, string>;
  services: Record<string, Record<string, Record<string, Count>>>;
} = JSON.parse(readFileSync(join(root, 'testdata/scenarios/expected.json'), 'utf8')).backtest;

/**
 * Every sum of one rule over the services a rounding on a threshold allows: fired and total summed, the
 * longest the largest.
 */
function sums(profile: string, rule: string): Array<{ fired: number; total: number; longest: number }> {
  let out = [{ fired: 0, total: 0, longest: 0 }];
  for (const rules of Object.values(backtest.services)) {
    const c = rules[profile][rule];
    const options = [c, ...(c.orIfTied ? [c.orIfTied] : [])];
    out = out.flatMap((s) =>
      options.map((o) => ({
        fired: s.fired + o.fired,
        total: s.total + o.totalMinutes,
        longest: Math.max(s.longest, o.longestMinutes),
      }))
    );
  }
  return out;
}
const cell = (s: { fired: number; total: number; longest: number }) =>
  `${s.fired} / ${spokenDuration(s.total * 60e3)} / ${spokenDuration(s.longest * 60e3)}`;

let prometheus: FixturePrometheus;
let frames: { url: string; child: ChildProcess };
let server: StaticServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  prometheus = await fixturePrometheus();
  frames = await framesServe(prometheus.url);
  server = await serveStatic(root, 0, { dsQuery: frames.url, prometheus: () => prometheus.url });
  browser = await launchChromium();
  ({ page, problems } = await openPage(
    browser,
    `${server.url}/tests/browser/host/index.html?gallery&app=settings&theme=light&live`,
    { width: 1280, height: 900 },
    (p) => p.clock.install({ time: prometheus.at })
  ));
}, 180_000);

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await server?.close();
  frames?.child.kill();
  await prometheus?.stop();
});

const section = () => page.getByRole('region', { name: 'Back-test' });

test('the draft tight.json against the saved default profile: each tier and rule as expected.json counts', async () => {
  await page.locator('#perfscope-import-text').fill(readFileSync(join(root, backtest.profiles.tight), 'utf8'));
  await page.getByRole('button', { name: 'Import the pasted JSON' }).click();
  await page.getByText(/^Imported the pasted JSON/).waitFor();
  // The back-test reads the draft once typing pauses (PREVIEW_PAUSE_MS).
  await page.clock.runFor(1000);
  await section().getByRole('button', { name: 'Run the back-test' }).click();
  const table = section().getByRole('table', { name: `Alert rules over the last ${backtest.range}` });
  await table.waitFor({ timeout: 120_000 });
  await section().screenshot({ path: join(shots, 'light-page-settings-backtest.png') });

  const sentences = await section().locator('li').allInnerTexts();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
  const rules = Object.keys(backtest.services.incident.tight);
  expect(rules.length).toBeGreaterThan(4);
  for (const rule of rules) {
    const [what, which] = rule.split(':');
    // Rows name rules as the catalogue does: PerfScopeBurnRateFastBurn, PerfScopeErrorRateCritical.
    const name =
      what === 'tier'
        ? `PerfScopeBurnRate${which.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase())} `
        : `PerfScope${what.replace(/(^|_)(\w)/g, (_, _d, c: string) => c.toUpperCase())}${which[0].toUpperCase()}${which.slice(1)} `;
    const row = rows.find((r) => r[0].startsWith(name));
    expect([rule, row !== undefined]).toEqual([rule, true]);
    // Where a step lies on a threshold, Prometheus' rounding picks one of the outcomes expected.json gives.
    expect(sums('tight', rule).map((c) => `${rule} ${cell(c)}`)).toContain(`${rule} ${row![1]}`);
    expect(sums('default', rule).map((c) => `${rule} ${cell(c)}`)).toContain(`${rule} ${row![2]}`);
    if (what === 'tier') {
      // The sentence the page would say for each outcome expected.json allows, in the page's words.
      const total = (c: { fired: number; total: number; longest: number }) => ({
        rule: {
          uid: rule,
          name: rule,
          severity: 'info' as const,
          for: '0s',
          watch: { kind: 'tier' as const, tier: which },
        },
        fired: c.fired,
        totalMs: c.total * 60e3,
        longestMs: c.longest * 60e3,
      });
      const allowed = sums('tight', rule).flatMap((d) =>
        sums('default', rule).map((s) => tierSentence(total(d), total(s), backtest.range))
      );
      expect(allowed).toContain(sentences.find((s) => s.includes(`the ${which} tier`)));
    }
  }
});

test('passes the axe accessibility check with the result shown', async () => {
  expect(await axeViolations(page)).toEqual([]);
});

test('nothing failed in the page', () => {
  expect(problems).toEqual([]);
});
