import { labelNames, labelValues, instantQuery } from '../../discovery/api';
import { serveGrafanaApi } from '../../testing/grafana';
import { GrafanaApiError } from './grafanaApi';
import { prometheusApi, PrometheusApiError } from './prometheusApi';

const at = Date.UTC(2026, 0, 31);
const resources = '/api/datasources/uid/perfscope-prometheus/resources';

it("asks Grafana's resource route of the datasource, with the parameters in order and encoded", async () => {
  const seen = serveGrafanaApi(() => ({
    status: 200,
    data: { status: 'success', data: { resultType: 'vector', result: [{ metric: { job: 'a' }, value: [1, '+Inf'] }] } },
  }));
  const api = prometheusApi('perfscope-prometheus');
  const samples = await instantQuery(api, 'sum by (job) (rate(x{job=~".*"}[5m]))', at);
  expect(samples).toEqual([{ labels: { job: 'a' }, value: Infinity }]);
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ method: 'GET', showErrorAlert: false });
  const url = new URL(seen[0].url, 'http://grafana');
  expect(url.pathname).toBe(`${resources}/api/v1/query`);
  expect([...url.searchParams]).toEqual([
    ['query', 'sum by (job) (rate(x{job=~".*"}[5m]))'],
    ['time', String(at / 1000)],
  ]);
});

it('repeats match[] and escapes the uid and label names', async () => {
  const seen = serveGrafanaApi(() => ({ status: 200, data: { status: 'success', data: ['job', 'le'] } }));
  const api = prometheusApi('a/b c');
  expect(await labelNames(api, 'm_bucket', at - 3600e3, at)).toEqual(['job', 'le']);
  await labelValues(api, '__name__', '', at - 3600e3, at);
  expect(seen.map((r) => r.url.split('?')[0])).toEqual([
    '/api/datasources/uid/a%2Fb%20c/resources/api/v1/labels',
    '/api/datasources/uid/a%2Fb%20c/resources/api/v1/label/__name__/values',
  ]);
  expect(new URL(seen[0].url, 'http://grafana').searchParams.getAll('match[]')).toEqual(['m_bucket']);
});

it("names the path and Prometheus' own words when Prometheus refuses a query", async () => {
  serveGrafanaApi(() => ({
    status: 400,
    data: { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected end of input' },
  }));
  const failure = instantQuery(prometheusApi('perfscope-prometheus'), 'sum(', at);
  await expect(failure).rejects.toThrow(
    new PrometheusApiError('Prometheus refused /api/v1/query: bad_data: 1:5: parse error: unexpected end of input')
  );
  await expect(failure).rejects.toMatchObject({ status: 400 });
});

it("passes Grafana's own refusal on, with its status", async () => {
  serveGrafanaApi(() => ({ status: 500, data: { message: 'Failed to call resource' } }));
  const failure = labelNames(prometheusApi('perfscope-prometheus'), 'm', at - 1, at);
  await expect(failure).rejects.toBeInstanceOf(GrafanaApiError);
  await expect(failure).rejects.toMatchObject({
    status: 500,
    message: expect.stringMatching(
      /^GET \/api\/datasources\/uid\/perfscope-prometheus\/resources\/api\/v1\/labels\?.*: HTTP 500: Failed to call resource$/
    ),
  });
});

it('refuses an answer that is not the Prometheus API (a proxy page, an empty body)', async () => {
  serveGrafanaApi(() => ({ status: 200, data: '<html>Sign in</html>' }));
  await expect(labelNames(prometheusApi('perfscope-prometheus'), 'm', at - 1, at)).rejects.toThrow(
    '/api/v1/labels: the answer is not the Prometheus HTTP API\'s (no "status": "success")'
  );
});

it('hands the abort signal to every request', async () => {
  const seen = serveGrafanaApi(() => ({ status: 200, data: { status: 'success', data: [] } }));
  const abort = new AbortController();
  await labelNames(prometheusApi('perfscope-prometheus', abort.signal), 'm', at - 1, at);
  expect(seen[0].abortSignal).toBe(abort.signal);
});
