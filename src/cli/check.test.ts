/** @jest-environment node */
// Fault injection for `perfscope check`: a local HTTP server plays a broken Prometheus. The real behaviour
// against a real Prometheus is tested in tests/prometheus/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runCli } from '../testing/cli';

type Handler = (query: string, req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let handler: Handler;
let url: string;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handler(new URLSearchParams(body).get('query') ?? '', req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => (seen.length = 0));

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const vector = (res: ServerResponse, samples: Array<[Record<string, string>, string]>) =>
  json(res, 200, {
    status: 'success',
    data: { resultType: 'vector', result: samples.map(([metric, v]) => ({ metric, value: [1769817600, v] })) },
  });

describe('perfscope check against a broken Prometheus', () => {
  it('exits 2 when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await runCli(['check', '--prometheus', `http://127.0.0.1:${port}`]);
    expect(r).toMatchObject({
      code: 2,
      stderr: `perfscope check: cannot reach Prometheus at http://127.0.0.1:${port} (ECONNREFUSED)`,
    });
  });

  it('exits 2 on a timeout', async () => {
    handler = () => undefined; // never answers
    const r = await runCli(['check', '--prometheus', url, '--timeout', '300ms']);
    expect(r).toMatchObject({
      code: 2,
      stderr: `perfscope check: Prometheus at ${url} did not answer within 0.3 s (--timeout)`,
    });
  });

  it('sends the bearer token and never prints it', async () => {
    handler = (_q, _req, res) => json(res, 401, { status: 'error', error: 'unauthorized' });
    const r = await runCli(['check', '--prometheus', url], { PERFSCOPE_PROMETHEUS_TOKEN: 's3cr3t-token' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refused the request (HTTP 401)');
    expect(r.stdout + r.stderr).not.toContain('s3cr3t-token');
    expect(seen.map((req) => req.headers.authorization)).toContain('Bearer s3cr3t-token');
  });

  it('sends basic auth from the environment or the URL, and hides URL credentials', async () => {
    handler = (_q, _req, res) => json(res, 403, {});
    await runCli(['check', '--prometheus', url], {
      PERFSCOPE_PROMETHEUS_USER: 'ops',
      PERFSCOPE_PROMETHEUS_PASSWORD: 'pw',
    });
    expect(seen.map((req) => req.headers.authorization)).toContain(`Basic ${Buffer.from('ops:pw').toString('base64')}`);
    seen.length = 0;
    const r = await runCli(['check', '--prometheus', url.replace('//', '//admin:hunter2@')]);
    expect(seen.map((req) => req.headers.authorization)).toContain(
      `Basic ${Buffer.from('admin:hunter2').toString('base64')}`
    );
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  });

  it('names the query Prometheus refuses', async () => {
    handler = (q, _req, res) =>
      q.startsWith('histogram_quantile')
        ? json(res, 400, { status: 'error', errorType: 'bad_data', error: 'boom' })
        : vector(res, []);
    const r = await runCli(['check', '--prometheus', url]);
    expect(r).toMatchObject({
      code: 2,
      stderr: 'perfscope check: Prometheus could not run indicators[0].query (latency_p95): bad_data: boom',
    });
  });

  it('says when the answer is not the Prometheus API', async () => {
    handler = (_q, _req, res) => {
      res.writeHead(502);
      res.end('<html>bad gateway</html>');
    };
    const r = await runCli(['check', '--prometheus', url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('HTTP 502, not a Prometheus API answer');
  });

  it('asks for aggregation when a query returns several series for one service', async () => {
    handler = (q, _req, res) =>
      q.includes('node_cpu_seconds_total')
        ? vector(res, [
            [{ service: 'a', instance: '1' }, '50'],
            [{ service: 'a', instance: '2' }, '60'],
          ])
        : vector(res, []);
    const r = await runCli(['check', '--prometheus', url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'indicators[2].query (cpu) returns several series for service="a"; aggregate it with sum by (service)'
    );
  });

  it('treats NaN and infinite samples as no data, never as healthy', async () => {
    handler = (q, _req, res) =>
      vector(res, [[{ service: 'svc', domain: 'd' }, q.includes('histogram_quantile') ? '+Inf' : 'NaN']]);
    const r = await runCli(['check', '--prometheus', url, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      service: 'svc',
      score: null,
      band: 'nodata',
      system: { overhead: null, band: 'nodata' },
    });
    expect(report.indicators.every((i: { value: null; band: string }) => i.value === null && i.band === 'nodata')).toBe(
      true
    );
    expect(r.stderr).toContain('svc: no score');
  });

  it('substitutes the template variables and escapes --service for a PromQL string', async () => {
    const queries: string[] = [];
    handler = (q, _req, res) => (queries.push(q), vector(res, []));
    const r = await runCli(['check', '--prometheus', url, '--service', 'a"b\\.c', '--rate-interval', '2m']);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('--service "a\\"b\\\\.c" matches no service') });
    expect(queries).toContain(
      'histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~"a\\"b\\\\.c"}[2m])))'
    );
    expect(queries.some((q) => q.includes('le="0.2"}[30d]'))).toBe(true);
    expect(queries.filter((q) => q.includes('[$') || q.includes('$service'))).toEqual([]);
  });
});
