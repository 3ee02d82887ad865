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
      'Datasources',
      'Prometheus datasource',
      'PerfScope datasource',
      'Indicators',
      'Latency p95',
      'Domain overhead',
      'System total',
      'Error-budget policy',
      'Burn-rate tiers',
      'slow-burn',
      'Groups',
      'Add group',
      'Import and export',
      'Preview',
      'Back-test',
      'Run the back-test',
      'Apply',
    ],
  },
];

const NEW_DOMAIN_QUERY =
  'sum by (service, domain) (rate(app_domain_seconds_sum{service=~"$service", domain=~"$domain"}[$__rate_interval]))';

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
  const prometheusSection = () => page.getByRole('region', { name: 'Detect your metrics' });

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

// The Datasources section's pickers and an editor of the whole profile, in the built page: Grafana's
// DataSourcePicker lists this Grafana's datasources of each type (the gallery's: the provisioned ones and one
// more of each, with uids Grafana made up); the preview then queries the one picked.
describe('the datasources and the burn-rate tier editor', () => {
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ page, problems } = await host.open('app=settings&theme=light', { width: 1280, height: 900 }));
    // Every request the page sends through Grafana's backendSrv, as "METHOD url datasource-uids".
    await page.evaluate(() => {
      type Request = { url: string; method?: string; data?: { queries?: Array<{ datasource?: { uid?: string } }> } };
      type Srv = { fetch: (req: Request) => unknown };
      const host = (window as unknown as { perfscopeHost: { runtime: { getBackendSrv(): Srv } } }).perfscopeHost;
      const srv = host.runtime.getBackendSrv();
      const fetch = srv.fetch.bind(srv);
      const seen: string[] = [];
      Object.assign(window, { perfscopeRequests: seen });
      srv.fetch = (req) => {
        const uids = (req.data?.queries ?? []).map((q) => q.datasource?.uid);
        seen.push(`${req.method ?? 'GET'} ${req.url} ${[...new Set(uids)].join(',')}`.trim());
        return fetch(req);
      };
    });
  });

  afterAll(() => page?.close());

  const datasources = () => page.getByRole('region', { name: 'Datasources' });
  // Grafana's picker names its input "Select a data source"; the field's label is linked to it by id.
  const picker = (key: 'prometheusUid' | 'perfscopeUid') => datasources().locator(`#perfscope-datasource-${key}`);
  const previewQueries = () =>
    page.evaluate(() =>
      (window as unknown as { perfscopeRequests: string[] }).perfscopeRequests.filter((r) =>
        r.startsWith('POST /api/ds/query')
      )
    );

  test('starts from the provisioned datasources, and lists only those of each type', async () => {
    const section = datasources();
    expect(await section.innerText()).not.toContain('does not exist');
    await picker('prometheusUid').click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(['Prometheus', 'Prometheus EU']);
    await page.keyboard.press('Escape');
    await picker('perfscopeUid').click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(['PerfScope', 'PerfScope EU']);
    await page.keyboard.press('Escape');
  });

  test('previews on the Prometheus datasource picked', async () => {
    await picker('prometheusUid').click();
    await page.getByRole('option', { name: 'Prometheus EU' }).click();
    await page.waitForFunction(() =>
      (window as unknown as { perfscopeRequests: string[] }).perfscopeRequests.some((r) =>
        r.endsWith('/api/ds/query bf3k9prom2eu')
      )
    );
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    expect((await previewQueries()).at(-1)).toBe('POST /api/ds/query bf3k9prom2eu');
    expect(await datasources().innerText()).toContain('Prometheus EU');
  });

  test("shows a tier window's problem under its field and refuses to save, until it is fixed", async () => {
    const tier = page.getByRole('group', { name: 'slow-burn' });
    const short = tier.getByLabel('Short window');
    await short.fill('7h');
    await tier.getByText('must be shorter than longWindow').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    // Clear of the Save bar, which stays at the bottom of the window.
    await short.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await tier.screenshot({ path: join(shots, 'light-page-settings-tier-problem.png') });
    expect(await axeViolations(page)).toEqual([]);
    await short.fill('45m');
    await tier.getByText('must be shorter than longWindow').waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Save' }).isEnabled()).toBe(true);
    await datasources().screenshot({ path: join(shots, 'light-page-settings-datasources.png') });
  });

  test('saves and applies with both datasources picked, the edited tier window and a new domain query', async () => {
    await picker('perfscopeUid').click();
    await page.getByRole('option', { name: 'PerfScope EU' }).click();
    await page.getByLabel(/^Time in each domain/).fill(NEW_DOMAIN_QUERY);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/^Dashboards: 3 created/).waitFor();
    // What the built page wrote into the gallery's Grafana (src/testing/grafanaModel.ts), read back.
    const written = await page.evaluate(() => {
      const g = window.perfscopeGallery.grafana;
      const rules = [...g.alerting.rules.values()];
      return {
        chosen: g.app.jsonData.datasources,
        ruleDatasources: [...new Set(rules.flatMap((r) => r.data.map((q) => q.datasourceUid)))].sort(),
        slowBurn: rules.find((r) => r.uid === 'perfscope-burn-rate-slow-burn')?.title,
        domainQuery: (g.datasource('c81mz4ps0eu')?.jsonData as { profile?: { domains: { domainTimeQuery: string } } })
          .profile?.domains.domainTimeQuery,
        dashboards: [...g.dashboards.dashboards.values()].map(({ dashboard }) => ({
          uid: dashboard.uid,
          text: JSON.stringify(dashboard),
          datasource: (dashboard.templating as { list: Array<{ name: string; current: { value: string } }> }).list.find(
            (v) => v.name === 'datasource'
          )?.current.value,
        })),
      };
    });
    expect(written.chosen).toEqual({ prometheusUid: 'bf3k9prom2eu', perfscopeUid: 'c81mz4ps0eu' });
    expect(written.ruleDatasources).toEqual(['__expr__', 'bf3k9prom2eu', 'c81mz4ps0eu']);
    expect(written.slowBurn).toBe('Error budget burn above 6x (6h and 45m)');
    expect(written.domainQuery).toBe(NEW_DOMAIN_QUERY);
    expect(written.dashboards).toHaveLength(3);
    for (const d of written.dashboards) {
      // The executive dashboard reads the recorded overhead, whose rule the same Apply wrote with the new metric.
      const metric = d.uid === 'perfscope-executive' ? 'perfscope:domain_overhead' : 'app_domain_seconds_sum';
      expect([d.uid, d.datasource, d.text.includes(metric)]).toEqual([d.uid, 'bf3k9prom2eu', true]);
      expect([d.uid, /perfscope-prometheus|"perfscope-health"/.test(d.text)]).toEqual([d.uid, false]);
    }
  });

  test('passes the axe accessibility check with another datasource picked', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  test('nothing failed in the page', () => {
    expect(problems).toEqual([]);
  });
});

// The Groups section and the error-budget policy in the built page: a group added and given members and an
// N-of-M rule, its problem under its field in the library's words, saved into the app's settings; axe on both.
describe('the groups and error-budget policy editors', () => {
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ page, problems } = await host.open('app=settings&theme=dark', { width: 1280, height: 900 }));
  });

  afterAll(() => page?.close());

  const groups = () => page.getByRole('region', { name: 'Groups' });

  test('adds a group with services and a rule, shows its problem, and saves it', async () => {
    await groups().getByLabel('New group id').fill('checkout');
    await groups().getByRole('button', { name: 'Add group' }).click();
    const group = page.getByRole('group', { name: 'checkout' });
    await group.getByText('must list at least one service or nested group').waitFor();
    await group.locator('#perfscope-group-0-services').fill('healthy, incident');
    await group.getByRole('button', { name: 'Add rule' }).click();
    const n = group.locator('#perfscope-group-0-rule-0-atLeast');
    await n.fill('3');
    await group.getByText("must be at most the group's 2 members").waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await n.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    expect(await axeViolations(page)).toEqual([]);
    await groups().screenshot({ path: join(shots, 'dark-page-settings-groups.png') });
    await n.fill('2');
    const policy = page.getByRole('group', { name: 'Error-budget policy' });
    await policy.getByLabel('Page at % spent').fill('60');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const saved = await page.evaluate(() => {
      const profile = window.perfscopeGallery.grafana.app.jsonData.profile as {
        groups: unknown[];
        sla: { budgetPolicy: { pageSpent: number } };
      };
      return { groups: profile.groups, pageSpent: profile.sla.budgetPolicy.pageSpent };
    });
    expect(saved).toEqual({
      groups: [
        {
          id: 'checkout',
          name: 'checkout',
          services: ['healthy', 'incident'],
          groups: [],
          aggregation: 'weighted',
          weights: {},
          keyMembers: [],
          rules: [{ band: 'warning', members: 'critical', atLeast: 2 }],
        },
      ],
      pageSpent: 60,
    });
  });

  test('nothing failed in the page', () => {
    expect(problems).toEqual([]);
  });
});
