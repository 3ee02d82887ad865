import { join } from 'path';
import type { Page } from 'playwright-core';

import { themes } from './gallery/cases';
import { axeViolations, shots, useHost } from '../helpers/page';
import { fixturePrometheus, type FixturePrometheus } from '../helpers/fixturePrometheus';

// The app's pages from the built dist/module.js (its lazily loaded chunks included), in both themes: what
// they show, axe, and a screenshot each.

const pages = [
  {
    name: 'overview',
    shows: ['Services', 'incident', 'Domains', 'quality_validation', 'Operations dashboard'],
  },
  {
    name: 'settings',
    shows: [
      'Indicators',
      'Latency p95',
      'Domain overhead',
      'System total',
      'Burn-rate tiers',
      'Preview',
      'Apply to alert rules',
    ],
  },
];

let prometheus: FixturePrometheus | undefined;
const host = useHost(['dist/module.js'], { prometheus: () => prometheus?.url });

describe.each(themes)('%s theme', (theme) => {
  describe.each(pages)('the $name page', ({ name, shows }) => {
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      ({ page, problems } = await host.open(`app=${name}&theme=${theme}`, { width: 1280, height: 900 }));
    });

    afterAll(() => page?.close());

    test('shows what it should', async () => {
      const text = await page.locator(`[data-app-page="${name}"]`).innerText();
      for (const s of shows) {
        expect([name, text.includes(s) ? s : text]).toEqual([name, s]);
      }
      await page.screenshot({ path: join(shots, `${theme}-page-${name}.png`), fullPage: true });
    });

    test('passes the axe accessibility check (WCAG 2.1 A and AA)', async () => {
      expect(await axeViolations(page)).toEqual([]);
    });

    test('nothing failed in the page', () => {
      expect(problems).toEqual([]);
    });
  });
});

// "Detect from my Prometheus" end to end: the built page asks Grafana's resource route of the Prometheus
// datasource, which the test's server forwards to the fixture Prometheus (testdata/scenarios) as Grafana's
// Prometheus datasource would; the page's clock is the fixtures' evaluation time.
describe('Detect from my Prometheus', () => {
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    prometheus = await fixturePrometheus();
    const at = prometheus.at;
    ({ page, problems } = await host.open('app=settings&theme=light', { width: 1280, height: 900 }, (p) =>
      p.clock.install({ time: at })
    ));
  }, 180000);

  afterAll(async () => {
    await page?.close();
    await prometheus?.stop();
  });

  const latencyQuery = () => page.locator('fieldset[data-indicator="latency_p95"] textarea');
  const prometheusSection = () => page.getByRole('region', { name: 'Prometheus' });

  test('puts the queries of another preset in the draft first', async () => {
    const presets = page.getByRole('region', { name: 'Instrumentation' });
    await presets.getByRole('combobox', { name: /HTTP metrics/ }).fill('OpenTelemetry HTTP server (stable');
    await page.getByRole('option', { name: /^OpenTelemetry HTTP server \(stable/ }).click();
    await presets.getByLabel(/^Service label/).fill('job');
    await presets.getByRole('button', { name: 'Use these queries' }).click();
    expect(await latencyQuery().inputValue()).toContain('http_server_request_duration_seconds_bucket{job=~"$service"}');
  });

  test('recognises the fixture metrics and fills the draft with them', async () => {
    await prometheusSection().getByRole('button', { name: 'Detect from my Prometheus' }).click();
    await prometheusSection()
      .getByText('Detected on "Prometheus": the queries below are filled in for review')
      .waitFor({ timeout: 30000 });
    expect(await latencyQuery().inputValue()).toBe(
      'histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))'
    );
    expect(await page.getByLabel(/^Service label/).inputValue()).toBe('service');
    // The preview scores the detected profile once edits pause (PREVIEW_PAUSE_MS), dimmed until it has.
    await page.waitForTimeout(1000);
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
  });

  test("reports what it recognised and each service's coverage", async () => {
    const section = prometheusSection();
    const text = await section.innerText();
    expect(text).toContain('Prometheus client conventions (PerfScope default) (prometheus-client)');
    expect(text).toContain('5 named by the label "service"');
    expect(text).toContain('The threshold is a bucket bound (0.2 s)');
    const table = section.getByRole('table', { name: /Coverage now/ });
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(rows.map((r) => r[0])).toEqual(['budget-burn', 'degraded', 'domain-overhead', 'healthy', 'incident']);
    expect(rows.find((r) => r[0] === 'incident')!.slice(1, 3)).toEqual(['1.50 s', '2%']);
    await section.screenshot({ path: join(shots, 'light-page-settings-detected.png') });
  });

  test('passes the axe accessibility check with the report open', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  test('nothing failed in the page', () => {
    expect(problems).toEqual([]);
  });
});
