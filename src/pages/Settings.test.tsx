import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NEVER } from 'rxjs';
import { getBackendSrv, setBackendSrv, type BackendSrv, type BackendSrvRequest } from '@grafana/runtime';

import { buildGrafanaAlertRules, DEFAULT_TARGETS } from '../alerting';
import { bandLabel } from '../components/bands';
import { healthView } from '../panels/healthscore/data/healthView';
import { recordedPanelData } from '../testing/recordings';
import { defaultProfile, type Profile } from '../scoring';
import { recordedResults } from '../testing/answers';
import { serveGrafanaApi } from '../testing/grafana';
import '../testing/jsdom';
import { loadRecording } from '../testing/load';
import { fakeAlerting } from '../testing/grafanaAlerting';
import {
  datasource,
  grafana,
  indicator,
  previewed,
  queryOf,
  replaceText,
  section,
  show,
  tier,
} from '../testing/settingsPage';

// The whole settings page renders on every keystroke the user events type; on a busy 2-core machine that
// takes longer than Jest's default 5 s per test.
jest.setTimeout(20000);

it('names the field of each problem as it is typed, and refuses to save until it is fixed', async () => {
  const user = userEvent.setup();
  grafana();
  show();
  const warning = within(indicator('Error rate')).getByLabelText('Warning');
  expect(warning).toHaveValue('0.5');
  await user.clear(warning);
  await user.type(warning, '5');
  expect(within(indicator('Error rate')).getByText('must lie between target and critical')).toBeInTheDocument();
  expect(screen.getByText('1 problem to fix before saving')).toBeInTheDocument();
  expect(screen.getByText('indicators[1].warning must lie between target and critical')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await user.clear(warning);
  await user.type(warning, '0.8');
  expect(screen.queryByText(/to fix before saving/)).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
});

it("says why a query is not PromQL, with the parser's words", async () => {
  grafana();
  show();
  const query = within(indicator('CPU')).getByLabelText('Query (PromQL)');
  fireEvent.change(query, { target: { value: 'rate(node_cpu_seconds_total[5m]' } });
  expect(within(indicator('CPU')).getByText(/is not valid PromQL \(unexpected end of query\)/)).toBeInTheDocument();
  await previewed();
});

it('saves the profile in the app and pushes it to the PerfScope datasource, secrets untouched', async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  await replaceText(user, within(indicator('CPU')).getByLabelText('Critical'), '95');
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved')).toBeInTheDocument();
  const [app] = g.sent('POST', '/api/plugins/perfscope-health-app/settings');
  expect(app.data.enabled).toBe(true);
  expect(app.data.pinned).toBe(true);
  expect(app.data.jsonData.profile.indicators[2]).toMatchObject({ id: 'cpu', target: 70, warning: 80, critical: 95 });
  const [put] = g.sent('PUT', '/api/datasources/uid/perfscope-health');
  expect(put.data).toMatchObject({ url: 'http://prometheus:9090', version: 3, jsonData: { scrapeInterval: '15s' } });
  expect(put.data.jsonData.profile).toEqual(app.data.jsonData.profile);
  expect(put.data.secureJsonData).toBeUndefined();
});

it('says when the PerfScope datasource is provisioned read-only', async () => {
  const user = userEvent.setup();
  const g = grafana({ ...datasource, readOnly: true });
  show();
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved for the panels, not for the PerfScope datasource')).toBeInTheDocument();
  expect(screen.getByText(/provisioned read-only: put the same profile in its provisioning file/)).toBeInTheDocument();
  expect(g.sent('PUT', '/api/datasources/uid/perfscope-health')).toEqual([]);
});

it('applies the edited thresholds to the alert rules', async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  const result = await screen.findByText(/^Alert rules: \d+ created, 0 updated, 0 already up to date$/);
  expect(result).toBeInTheDocument();
  expect(g.sent('POST', '/api/folders')[0].data).toEqual({ title: 'PerfScope' });
  const rules = [...g.alerting.rules.values()];
  expect(rules.length).toBeGreaterThan(10);
  const uids = new Set(rules.flatMap((r) => r.data.map((q) => q.datasourceUid)));
  expect(uids).toEqual(new Set(['perfscope-prometheus', 'perfscope-health', '__expr__']));
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  expect(
    await screen.findByText(`Alert rules: 0 created, 0 updated, ${rules.length} already up to date`)
  ).toBeInTheDocument();
});

it('names the rules provisioned from a file that a change needs, with the command that regenerates the file', async () => {
  const user = userEvent.setup();
  const folder = { uid: 'bf9c2d71e0a4', title: 'PerfScope' };
  const fromFile = buildGrafanaAlertRules(defaultProfile(), { ...DEFAULT_TARGETS, folderUid: folder.uid }).map((r) => ({
    ...r,
    provenance: 'file',
  }));
  const g = grafana(datasource, fakeAlerting({ folders: [folder], rules: fromFile }));
  show();
  await replaceText(user, within(indicator('CPU')).getByLabelText('Critical'), '95');
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  const outcome = await screen.findByText(/Provisioned from a file, so Grafana's API cannot change them: .*CPU/);
  expect(outcome).toHaveTextContent(
    'Regenerate the file with npx perfscope rules --format grafana --profile FILE --out provisioning/alerting/perfscope-rules.yaml and restart Grafana.'
  );
  expect(g.alerting.writes).toEqual([]);
});

it('turns a burn-rate tier off', async () => {
  const user = userEvent.setup();
  grafana();
  show();
  const on = within(tier('slow-drain')).getByRole('switch', { name: 'On' });
  expect(on).toBeChecked();
  await user.click(on);
  expect(on).not.toBeChecked();
  expect(screen.getByText(/^Burn-rate tiers: 3 of 4 on/)).toBeInTheDocument();
  await previewed();
});

describe('the instrumentation presets', () => {
  const section = () => screen.getByRole('region', { name: 'Instrumentation' });
  async function choose(user: ReturnType<typeof userEvent.setup>, field: RegExp, typed: string) {
    await user.click(within(section()).getByRole('combobox', { name: field }));
    await user.paste(typed);
    await user.keyboard('{Enter}');
  }

  it('writes every query for the chosen presets and service label, and saves them with allowMissing', async () => {
    const user = userEvent.setup();
    const g = grafana();
    show();
    const useThem = within(section()).getByRole('button', { name: 'Use these queries' });
    expect(useThem).toBeDisabled();
    await choose(user, /HTTP metrics/, 'OpenTelemetry HTTP server (stable');
    await choose(user, /CPU and memory metrics/, 'Process CPU');
    const label = within(section()).getByLabelText(/^Service label/);
    expect(label).toHaveValue('service');
    expect(within(section()).getByText(/OpenTelemetry HTTP server usually "job"/)).toBeInTheDocument();
    await user.clear(label);
    await user.type(label, 'job');
    await user.click(within(section()).getByRole('switch', { name: /Allow missing data/ }));
    await user.click(useThem);
    expect(queryOf('latency_p95')).toContain('http_server_request_duration_seconds_bucket{job=~"$service"}');
    expect(queryOf('error_rate')).toContain('http_response_status_code=~"5.."');
    expect(queryOf('cpu')).toContain('process_cpu_seconds_total{ job=~"$service" }');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    const saved = g.sent('POST', '/api/plugins/perfscope-health-app/settings')[0].data.jsonData.profile as Profile;
    expect(saved).toMatchObject({ serviceLabel: 'job', allowMissing: true });
    expect(saved.sla.errorRatioQuery).toContain('http_server_request_duration_seconds_count{job=~"$service"');
    expect(saved.domains.domainTimeQuery).toContain('sum by (job, domain)');
  });

  it("says what is wrong with a service label, with the profile's words, and will not use it", async () => {
    const user = userEvent.setup();
    grafana();
    show();
    await choose(user, /HTTP metrics/, 'Flask');
    const label = within(section()).getByLabelText(/^Service label/);
    await user.clear(label);
    await user.type(label, 'le');
    expect(
      within(section()).getByText(
        `cannot be "le" or "domain": PerfScope's queries use those labels for buckets and domains`
      )
    ).toBeInTheDocument();
    expect(within(section()).getByRole('button', { name: 'Use these queries' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    await previewed();
  });
});

describe('the live preview', () => {
  const queries = (g: ReturnType<typeof grafana>) => g.sent('POST', '/api/ds/query');
  const tile = (service: string) =>
    within(screen.getByRole('list', { name: 'Health by service' }))
      .getAllByRole('group')
      .find((t) => t.getAttribute('aria-label')!.startsWith(`${service}:`))!;
  /** The degraded service's tile label when scored with `profile`, as the panels score the same recording. */
  function expectedDegraded(profile: Profile): string {
    const view = healthView(recordedPanelData(loadRecording('health.prometheus')), profile, {
      indicatorQueries: {},
      groupBy: 'service',
    });
    const { health } = view.groups.find((x) => x.name === 'degraded')!;
    return `degraded: ${Number(health.score!.toFixed(1))}, ${bandLabel[health.band]}`;
  }
  const latencyTarget = () => within(indicator('Latency p95')).getByLabelText('Target');

  it('scores every service as soon as the page opens', async () => {
    grafana();
    show();
    const services = await screen.findByRole('list', { name: 'Health by service' });
    await waitFor(() => expect(within(services).getAllByRole('listitem')).toHaveLength(5));
    expect(within(services).getAllByRole('group')[0]).toHaveAttribute('aria-label', 'incident: 10, Critical');
  });

  it('scores again with the edited thresholds once typing pauses, with one query for a burst of edits', async () => {
    const g = grafana();
    show();
    await screen.findByRole('list', { name: 'Health by service' });
    const before = tile('degraded').getAttribute('aria-label');
    expect(before).toBe(expectedDegraded(defaultProfile()));
    for (const value of ['0.3', '0.35', '0.4']) {
      fireEvent.change(latencyTarget(), { target: { value } });
    }
    const edited = defaultProfile();
    edited.indicators.find((i) => i.id === 'latency_p95')!.target = 0.4;
    const after = expectedDegraded(edited);
    expect(after).not.toBe(before);
    await waitFor(() => expect(tile('degraded')).toHaveAttribute('aria-label', after), { timeout: 5000 });
    expect(queries(g)).toHaveLength(2);
  });

  it('cancels the run under way when the profile changes', async () => {
    const g = grafana();
    const answered = getBackendSrv();
    const held: BackendSrvRequest[] = [];
    // The first query never answers: it stays under way until the next edit.
    setBackendSrv({
      fetch: (req: BackendSrvRequest) =>
        req.url === '/api/ds/query' && held.length === 0 ? (held.push(req), NEVER) : answered.fetch(req),
    } as unknown as BackendSrv);
    show();
    await waitFor(() => expect(held).toHaveLength(1));
    expect(screen.getByText('Scoring…')).toBeInTheDocument();
    fireEvent.change(latencyTarget(), { target: { value: '0.4' } });
    await waitFor(() => expect(held[0].abortSignal?.aborted).toBe(true), { timeout: 5000 });
    expect(await screen.findByRole('list', { name: 'Health by service' }, { timeout: 5000 })).toBeInTheDocument();
    expect(queries(g)).toHaveLength(1);
  });

  it('waits while the profile has problems, and refreshes by hand', async () => {
    const user = userEvent.setup();
    const g = grafana();
    show();
    await screen.findByRole('list', { name: 'Health by service' });
    fireEvent.change(latencyTarget(), { target: { value: '0.7' } });
    expect(
      await screen.findByText('The preview waits until the profile has no problems.', {}, { timeout: 5000 })
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh the preview' })).toBeDisabled();
    expect(queries(g)).toHaveLength(1);
    fireEvent.change(latencyTarget(), { target: { value: '0.2' } });
    // The fixed profile scores again once typing pauses; a loaded CI machine can take seconds to render it.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Refresh the preview' })).toBeEnabled(), {
      timeout: 15000,
    });
    await waitFor(() => expect(screen.queryByText('Scoring…')).not.toBeInTheDocument());
    const sent = queries(g).length;
    await user.click(screen.getByRole('button', { name: 'Refresh the preview' }));
    await waitFor(() => expect(queries(g)).toHaveLength(sent + 1));
  }, 40_000);

  it('names a query that failed and scores with the others', async () => {
    const answer = recordedResults([loadRecording('health.prometheus')]);
    serveGrafanaApi((req) => {
      if (req.url !== '/api/ds/query') {
        return { status: 200, data: {} };
      }
      const { data } = answer(req) as { data: { results: Record<string, unknown> } };
      return {
        status: 400,
        data: { results: { ...data.results, cpu: { status: 400, error: 'bad_data: parse error' } } },
      };
    });
    show();
    const services = await screen.findByRole('list', { name: 'Health by service' });
    expect(within(services).getAllByRole('listitem')).toHaveLength(5);
    expect(within(screen.getByRole('region', { name: 'Preview' })).getByTestId('notices')).toHaveTextContent(
      'Query cpu: bad_data: parse error'
    );
  });
});

it('starts from the default profile, and says so, when none was saved', async () => {
  grafana();
  show(null);
  expect(screen.getByText('PerfScope has no saved profile yet: default thresholds.')).toBeInTheDocument();
  expect(within(indicator('Latency p95')).getByLabelText('Target')).toHaveValue('0.2');
  await previewed();
});

it('previews with the provisioned Prometheus unless another is chosen', async () => {
  const g = grafana();
  show();
  const region = section('Datasources');
  expect(within(region).getByText('Prometheus', { selector: ':not(label *)' })).toBeInTheDocument();
  await previewed();
  const [query] = g.sent('POST', '/api/ds/query');
  expect(query.data.queries[0].datasource.uid).toBe('perfscope-prometheus');
});
