import { render, screen, within } from '@testing-library/react';
import React from 'react';
import type { BackendSrvRequest } from '@grafana/runtime';

import { defaultProfile } from '../scoring';
import { recordedResults } from '../testing/answers';
import { serveGrafanaApi } from '../testing/grafana';
import { loadRecording } from '../testing/load';
import { Overview } from './Overview';

const answer = recordedResults([loadRecording('health.prometheus'), loadRecording('domainoverhead.prometheus')]);

function serve(queries: (req: BackendSrvRequest) => { status: number; data: unknown } = answer) {
  return serveGrafanaApi((req) => {
    if (req.url === '/api/plugins/perfscope-health-app/settings') {
      return { status: 200, data: { jsonData: { profile: defaultProfile() } } };
    }
    return req.url === '/api/ds/query' ? queries(req) : { status: 404, data: { message: 'Not found' } };
  });
}

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
