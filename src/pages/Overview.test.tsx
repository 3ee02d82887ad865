import { render, screen, within } from '@testing-library/react';
import React from 'react';
import type { DataSourceInstanceSettings } from '@grafana/data';
import type { BackendSrvRequest } from '@grafana/runtime';

import type { AppDatasources } from '../components/profile/appProfile';
import { defaultProfile } from '../scoring';
import { recordedResults } from '../testing/answers';
import { CREATED, PROVISIONED, serveDatasources } from '../testing/datasourceSrv';
import { serveGrafanaApi } from '../testing/grafana';
import { loadRecording } from '../testing/load';
import { serveAppSubUrl } from '../testing/location';
import { Overview } from './Overview';

const answer = recordedResults([loadRecording('health.prometheus'), loadRecording('domainoverhead.prometheus')]);

/**
 * Grafana with these datasources (default: the provisioned ones and CREATED), the app's settings naming
 * `chosen` ones, and /api/ds/query answered by `queries`.
 */
function serve(
  queries: (req: BackendSrvRequest) => { status: number; data: unknown } = answer,
  { chosen, datasources }: { chosen?: Partial<AppDatasources>; datasources?: DataSourceInstanceSettings[] } = {}
) {
  serveDatasources(datasources);
  return serveGrafanaApi((req) => {
    if (req.url === '/api/plugins/perfscope-health-app/settings') {
      return { status: 200, data: { jsonData: { profile: defaultProfile(), datasources: chosen } } };
    }
    return req.url === '/api/ds/query' ? queries(req) : { status: 404, data: { message: 'Not found' } };
  });
}

afterEach(() => serveAppSubUrl(''));

it('scores every service, worst first, each linking to its operations dashboard', async () => {
  const requests = serve();
  render(<Overview />);
  const services = await screen.findByRole('list', { name: 'Health by service' });
  const tiles = within(services).getAllByRole('listitem');
  expect(tiles.map((t) => within(t).getByRole('group').getAttribute('aria-label'))).toEqual([
    'incident: 10, Critical',
    'budget-burn: 81.3, Info',
    'degraded: 85, Info',
    'domain-overhead: 100, OK',
    'healthy: 100, OK',
  ]);
  expect(within(tiles[0]).getByRole('link', { name: 'Operations dashboard for incident' })).toHaveAttribute(
    'href',
    '/d/perfscope-operations?var-service=incident'
  );
  const query = requests.find((r) => r.url === '/api/ds/query')!;
  expect(query.data.queries.map((q: { refId: string }) => q.refId)).toEqual([
    'latency_p95',
    'error_rate',
    'cpu',
    'memory',
    'availability',
    'domain_time',
    'total_time',
  ]);
  expect(
    query.data.queries.every((q: { datasource: { uid: string } }) => q.datasource.uid === 'perfscope-prometheus')
  ).toBe(true);
  expect(query.data.queries[0].expr).toContain('service=~".*"');
  expect(query.data.queries[0].expr).toContain('[$__rate_interval]');
});

it('shows each domain where it costs most, linking to the development dashboard', async () => {
  serve();
  render(<Overview />);
  const table = await screen.findByRole('table', { name: /Domain overhead/ });
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows.map((r) => r.textContent)).toEqual([
    'quality_validation6.00%Criticaldomain-overhead (of 5)1.5 / 3 / 5 %',
    'compliance_evaluation4.00%Warningdomain-overhead (of 5)1.5 / 3 / 5 %',
    'system_complexity2.25%Infodomain-overhead (of 5)1.5 / 3 / 5 %',
    'strategic_reporting1.00%OKdegraded (of 5)1.5 / 3 / 5 %',
    'workflow_optimization1.00%OKdegraded (of 5)1.5 / 3 / 5 %',
  ]);
  expect(within(rows[0]).getByRole('link', { name: 'quality_validation' })).toHaveAttribute(
    'href',
    '/d/perfscope-development?var-domain=quality_validation'
  );
});

it('says which datasource it could not query', async () => {
  serve(() => ({ status: 404, data: { message: 'Data source not found' } }));
  render(<Overview />);
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'POST /api/ds/query: HTTP 404: Data source not found. PerfScope reads the Prometheus datasource with uid perfscope-prometheus.'
  );
});

it.each([
  ['HTTP 400, as Grafana answers when a query fails', 400],
  ['HTTP 207, with the datasourceQueryMultiStatus feature toggle', 207],
])('scores with the queries that answered and names the one that failed: %s', async (_name, status) => {
  serve((req) => {
    const { data } = answer(req) as { data: { results: Record<string, unknown> } };
    const results = { ...data.results, cpu: { status: 400, error: 'bad_data: 1:5: parse error', frames: [] } };
    return { status, data: { results } };
  });
  render(<Overview />);
  const services = await screen.findByRole('list', { name: 'Health by service' });
  expect(within(services).getAllByRole('listitem')).toHaveLength(5);
  expect(screen.getByTestId('notices')).toHaveTextContent('Query cpu: bad_data: 1:5: parse error');
  expect(within(services).getAllByRole('img', { name: /CPU/ })[0]).toHaveAccessibleName(
    'No data for CPU: query cpu failed (bad_data: 1:5: parse error), not counted in the score'
  );
  expect(screen.getByRole('table', { name: /Domain overhead/ })).toBeInTheDocument();
  expect(screen.queryByText(/could not be scored/)).not.toBeInTheDocument();
});

describe('the datasources chosen in the settings', () => {
  const sentTo = (requests: BackendSrvRequest[]) =>
    new Set(
      requests
        .filter((r) => r.url === '/api/ds/query')
        .flatMap((r) => r.data.queries.map((q: { datasource: { uid: string } }) => q.datasource.uid))
    );

  it('scores on the Prometheus datasource chosen, with a uid Grafana made up', async () => {
    const requests = serve(answer, { chosen: { prometheusUid: CREATED[0].uid, perfscopeUid: CREATED[1].uid } });
    render(<Overview />);
    await screen.findByRole('list', { name: 'Health by service' });
    expect(sentTo(requests)).toEqual(new Set([CREATED[0].uid]));
    expect(screen.queryByRole('link', { name: /Choose the datasources/ })).not.toBeInTheDocument();
  });

  it('says the chosen Prometheus datasource does not exist, naming it, links to the settings and queries nothing', async () => {
    const requests = serve(answer, { chosen: { prometheusUid: 'deleted-prom' } });
    render(<Overview />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The services could not be scored');
    expect(alert).toHaveTextContent(
      'The Prometheus datasource chosen in the PerfScope settings (uid deleted-prom) does not exist in this Grafana, or you may not use it.'
    );
    expect(
      within(alert).getByRole('link', { name: /Choose the datasources in the PerfScope settings/ })
    ).toHaveAttribute('href', '/plugins/perfscope-health-app?page=settings');
    expect(sentTo(requests).size).toBe(0);
  });

  it("says when none is chosen and the provisioned one is missing, linking under Grafana's sub-path", async () => {
    serveAppSubUrl('/grafana');
    serve(answer, { datasources: [...CREATED] });
    render(<Overview />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'No Prometheus datasource is chosen in the PerfScope settings, and the default one (uid perfscope-prometheus) does not exist'
    );
    expect(within(alert).getByRole('link', { name: /Choose the datasources/ })).toHaveAttribute(
      'href',
      '/grafana/plugins/perfscope-health-app?page=settings'
    );
  });

  it('says when the chosen datasource is not a Prometheus one', async () => {
    serve(answer, { chosen: { prometheusUid: 'loki-logs' } });
    render(<Overview />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '(uid loki-logs) is "Loki", a loki datasource, not a Prometheus one'
    );
  });

  it('scores, and warns that the dashboards and alerts need it, when only the PerfScope datasource is missing', async () => {
    serve(answer, { datasources: [PROVISIONED[0]] });
    render(<Overview />);
    await screen.findByRole('list', { name: 'Health by service' });
    expect(screen.getByText('The dashboards and alert rules cannot score')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No PerfScope datasource is chosen in the PerfScope settings, and the default one (uid perfscope-health) does not exist in this Grafana, or you may not use it.'
      )
    ).toBeInTheDocument();
  });
});
