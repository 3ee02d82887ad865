import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NEVER } from 'rxjs';
import { getBackendSrv, setBackendSrv, type BackendSrv, type BackendSrvRequest } from '@grafana/runtime';

import { defaultProfile, type Profile } from '../scoring';
import '../testing/jsdom';
import { fakeAlerting } from '../testing/grafanaAlerting';
import { prometheusResources, type FakePrometheus } from '../testing/prometheusResources';
import { datasource, grafana, indicator, previewed, queryOf, show } from '../testing/settingsPage';

// "Detect from my Prometheus" on the settings page, with the Prometheus datasource's resource calls answered
// at Grafana's HTTP boundary as Grafana's Prometheus datasource passes a Prometheus server's answers on.

jest.setTimeout(20000);

const RESOURCES = '/api/datasources/uid/perfscope-prometheus/resources/';

/** OpenTelemetry HTTP metrics named by `job` for checkout and payments; process CPU for checkout only. */
const otelServer: FakePrometheus = {
  names: [
    'http_server_request_duration_seconds_bucket',
    'http_server_request_duration_seconds_count',
    'http_server_request_duration_seconds_sum',
    'process_cpu_seconds_total',
    'process_resident_memory_bytes',
    'node_memory_MemTotal_bytes',
  ],
  labels: ['__name__', 'job', 'instance', 'le', 'http_response_status_code', 'http_request_method', 'http_route'],
  values: {
    job: ['checkout', 'payments'],
    le: ['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1', '2.5', '5', '7.5', '10', '+Inf'],
  },
  query: (q) => {
    if (q.startsWith('count(')) {
      return q.includes('{job=""}') || (q.includes('process_cpu') && q.includes('payments')) ? [] : [[{}, '2']];
    }
    if (q.includes('process_cpu_seconds_total')) {
      return [[{ job: 'checkout' }, '12.5']];
    }
    if (q.includes('process_resident_memory_bytes') || q.includes('http_server_request_duration_seconds')) {
      return [
        [{ job: 'checkout' }, '0.12'],
        [{ job: 'payments' }, '0.3'],
      ];
    }
    return [];
  },
};

const region = () => screen.getByRole('region', { name: 'Detect your metrics' });
const detectButton = () => within(region()).getByRole('button', { name: /Detect from my Prometheus/ });
/** A row of the report's "Presets tried" table: preset, fits, why. */
const tried = (preset: string) =>
  [...within(region()).getByText(preset, { selector: 'th' }).closest('tr')!.children].map((c) => c.textContent);
const resourceCalls = (g: ReturnType<typeof grafana>) => g.requests.filter((r) => r.url.startsWith(RESOURCES));

function serve(server: FakePrometheus) {
  return grafana(datasource, fakeAlerting(), prometheusResources('perfscope-prometheus', server));
}

it('fills the draft with the detected queries for review, keeping the thresholds, and reports what it found', async () => {
  const user = userEvent.setup();
  const g = serve(otelServer);
  show();
  fireEvent.change(within(indicator('Latency p95')).getByLabelText('Target'), { target: { value: '0.3' } });
  await user.click(detectButton());
  const done = await within(region()).findByText(
    'Detected on "Prometheus": the queries below are filled in for review'
  );
  expect(done).toBeInTheDocument();

  // The draft: every query for OpenTelemetry by job, the thresholds as edited, nothing saved yet.
  expect(queryOf('latency_p95')).toBe(
    'histogram_quantile(0.95, sum by (job, le) (rate(http_server_request_duration_seconds_bucket{job=~"$service"}[$__rate_interval])))'
  );
  expect(queryOf('cpu')).toContain('process_cpu_seconds_total{ job=~"$service" }');
  expect(within(indicator('Latency p95')).getByLabelText('Target')).toHaveValue('0.3');
  expect(screen.getByLabelText(/^Service label/)).toHaveValue('job');
  expect(g.sent('POST', '/api/plugins/perfscope-health-app/settings')).toEqual([]);

  // The report.
  const report = within(region());
  expect(report.getByText('OpenTelemetry HTTP server (stable semantic conventions) (otel-http)')).toBeInTheDocument();
  expect(report.getByText(/^Process CPU and memory .*\(process\)$/)).toBeInTheDocument();
  expect(report.getByText('2 named by the label "job"')).toBeInTheDocument();
  expect(report.getByText(/lies between the bucket bounds 0\.1 s and 0\.25 s/)).toBeInTheDocument();
  const table = report.getByRole('table', { name: /Coverage now/ });
  const rows = within(table).getAllByRole('row');
  expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
    ['Service', 'Latency p95', 'Error rate', 'CPU', 'Memory', 'Availability'],
    ['checkout', '120 ms', '0.120%', '12.5%', '0.120%', '0.120%'],
    ['payments', '300 ms', '0.300%', '–', '0.300%', '0.300%'],
  ]);
  const missing = within(rows[2]).getAllByRole('cell')[2];
  expect(missing).toHaveAccessibleDescription(
    '– CPU (indicators[2].query), 1 of 2 services: no series of process_cpu_seconds_total with job=~"payments" (2 series carry other "job" values)'
  );
  expect(tried('otel-http')).toEqual([
    'otel-http',
    'yes',
    'http_server_request_duration_seconds_bucket with http_response_status_code',
  ]);
  expect(tried('prometheus-client')).toEqual(['prometheus-client', 'no', 'no http_request_duration_seconds_bucket']);
  expect(new Set(resourceCalls(g).map((r) => r.url.split('?')[0].slice(RESOURCES.length)))).toEqual(
    new Set([
      'api/v1/label/__name__/values',
      'api/v1/labels',
      'api/v1/label/job/values',
      'api/v1/label/le/values',
      'api/v1/query',
    ])
  );

  // Saved only when asked; put back when asked.
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved')).toBeInTheDocument();
  const saved = g.sent('POST', '/api/plugins/perfscope-health-app/settings')[0].data.jsonData.profile as Profile;
  expect(saved.serviceLabel).toBe('job');
  await user.click(within(region()).getByRole('button', { name: 'Put the previous profile back' }));
  expect(queryOf('latency_p95')).toBe(defaultProfile().indicators[0].query);
  expect(within(region()).getByText('The profile is back as it was before detection.')).toBeInTheDocument();
});

it('changes nothing, and says why, when nothing PerfScope can score is there', async () => {
  const user = userEvent.setup();
  const g = serve({ names: ['up', 'go_goroutines'], labels: ['__name__', 'job', 'instance'], values: {} });
  show();
  await previewed();
  await user.click(detectButton());
  expect(
    await within(region()).findByText('Nothing PerfScope can score was found on "Prometheus"')
  ).toBeInTheDocument();
  expect(
    within(region()).getByText(
      'The profile is unchanged. no HTTP request histogram of a known preset was found: nothing to score.'
    )
  ).toBeInTheDocument();
  expect(tried('otel-http')).toEqual(['otel-http', 'no', 'no http_server_request_duration_seconds_bucket']);
  expect(within(region()).queryByRole('table', { name: /Coverage now/ })).not.toBeInTheDocument();
  defaultProfile().indicators.forEach((ind) => expect(queryOf(ind.id)).toBe(ind.query));
  expect(screen.getByLabelText(/^Service label/)).toHaveValue('service');
  expect(resourceCalls(g)).toHaveLength(1);
});

it('names the datasource and what Grafana said when the Prometheus cannot be reached', async () => {
  const user = userEvent.setup();
  grafana(datasource, fakeAlerting(), (req) =>
    req.url.startsWith(RESOURCES) ? { status: 500, data: { message: 'Failed to call resource' } } : undefined
  );
  show();
  await user.click(detectButton());
  const alert = await within(region()).findByRole('alert');
  expect(alert).toHaveTextContent('Could not detect from the datasource "Prometheus"');
  expect(alert).toHaveTextContent(
    /GET \/api\/datasources\/uid\/perfscope-prometheus\/resources\/api\/v1\/label\/__name__\/values\?.*: HTTP 500: Failed to call resource/
  );
  expect(alert).toHaveTextContent("Grafana got no answer from the datasource's server");
  expect(queryOf('latency_p95')).toBe(defaultProfile().indicators[0].query);
  expect(detectButton()).toBeEnabled();
  await previewed();
});

it('shows that it is working, and cancels the requests under way when the page closes', async () => {
  const user = userEvent.setup();
  serve(otelServer);
  const answered = getBackendSrv();
  const held: BackendSrvRequest[] = [];
  setBackendSrv({
    fetch: (req: BackendSrvRequest) => (req.url.startsWith(RESOURCES) ? (held.push(req), NEVER) : answered.fetch(req)),
  } as unknown as BackendSrv);
  const page = show();
  await previewed();
  await user.click(detectButton());
  expect(within(region()).getByText('Looking at the metrics of "Prometheus"…')).toBeInTheDocument();
  expect(detectButton()).toBeDisabled();
  await waitFor(() => expect(held).toHaveLength(1));
  expect(held[0].abortSignal?.aborted).toBe(false);
  page.unmount();
  expect(held[0].abortSignal?.aborted).toBe(true);
});
