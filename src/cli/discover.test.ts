/** @jest-environment node */
// Fault injection for `perfscope discover`: a local HTTP server plays an unreachable, empty or huge Prometheus.
// Discovery against a real Prometheus holding each preset's metrics is tested in tests/prometheus/.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli } from '../testing/cli';

interface FakeState {
  names: string[];
  labels: string[];
  values: Record<string, string[]>;
  /** Answer to an instant query, by its text; default: an empty vector. */
  query?: (q: string) => Array<[Record<string, string>, string]>;
}

let server: Server;
let url: string;
let state: FakeState;
let requests: string[] = [];
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(u.pathname);
    const ok = (data: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data }));
    };
    const values = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(u.pathname);
    if (values) {
      return ok(values[1] === '__name__' ? state.names : (state.values[values[1]] ?? []));
    }
    if (u.pathname === '/api/v1/labels') {
      return ok(state.labels);
    }
    if (u.pathname === '/api/v1/query') {
      const result = (state.query?.(u.searchParams.get('query') ?? '') ?? []).map(([metric, v]) => ({
        metric,
        value: [1769817600, v],
      }));
      return ok({ resultType: 'vector', result });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
  dir = mkdtempSync(join(tmpdir(), 'perfscope-discover-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('perfscope discover against a broken or huge server', () => {
  it('exits 2 when nothing listens, and writes nothing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const out = join(dir, 'profile.json');
    const r = await runCli(['discover', '--prometheus', `http://127.0.0.1:${port}`, '--out', out]);
    expect(r).toMatchObject({
      code: 2,
      stderr: `perfscope discover: cannot reach Prometheus at http://127.0.0.1:${port} (ECONNREFUSED)`,
    });
    expect(existsSync(out)).toBe(false);
  });

  it('says nothing was recognised on an empty server and leaves an existing file alone', async () => {
    state = { names: [], labels: [], values: {} };
    const out = join(dir, 'profile.json');
    writeFileSync(out, 'the previous profile');
    const r = await runCli(['discover', '--prometheus', url, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HTTP metrics: none recognised');
    expect(r.stdout).toContain('note: no HTTP request histogram of a known preset was found: nothing to score');
    expect(r.stderr).toBe(
      'perfscope discover: no profile written: nothing PerfScope can score was recognised (see above)'
    );
    expect(readFileSync(out, 'utf8')).toBe('the previous profile');
    expect(requests).toEqual(['/api/v1/label/__name__/values']);
  });

  it('ends within its request budget on 100,000 metric names and a label with 10,000 values', async () => {
    const services = many(10_000, 'svc-');
    state = {
      names: [
        ...many(100_000, 'unrelated_metric_'),
        'flask_http_request_duration_seconds_bucket',
        'flask_http_request_total',
      ],
      labels: ['__name__', 'job', 'instance', 'le', 'method', 'path', 'status'],
      values: { job: services, le: ['0.1', '0.25', '0.5', '1.0', '+Inf'] },
      // Every count finds series; the indicator queries themselves return nothing, so every one is explained.
      query: (q) => (q.startsWith('count(') ? [[{}, '7']] : []),
    };
    const started = Date.now();
    const r = await runCli(['discover', '--prometheus', url]);
    expect(r.code).toBe(0);
    expect(requests.length).toBeLessThanOrEqual(50);
    expect(Date.now() - started).toBeLessThan(30_000); // a hang, not a speed target (that is the benchmark's)
    const profile = JSON.parse(r.stdout);
    expect(profile.serviceLabel).toBe('job');
    expect(profile.indicators[0].query).toContain('flask_http_request_duration_seconds_bucket{job=~"$service"}');
    expect(r.stderr).toContain('services: 10000 named by the label "job"');
    expect(r.stderr).toContain('... and 9980 more services (the profile covers every one)');
    expect(r.stderr).toContain('latency SLO threshold: between the bucket bounds 0.1 s and 0.25 s');
    expect(r.stderr).toMatch(/missing: latency_p95 \(indicators\[0\]\.query\) for every service: /);
  });

  it('names the flag for a service label that is not a label name', async () => {
    const r = await runCli(['discover', '--prometheus', url, '--service-label', 'app-name']);
    expect(r).toMatchObject({
      code: 2,
      stderr: 'perfscope discover: --service-label must be a Prometheus label name, not "app-name"',
    });
  });

  it('refuses a forced service label the series do not carry, naming the labels they do', async () => {
    state = {
      names: ['flask_http_request_duration_seconds_bucket', 'flask_http_request_total'],
      labels: ['__name__', 'job', 'le', 'status'],
      values: {},
    };
    const r = await runCli(['discover', '--prometheus', url, '--service-label', 'app']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'note: no series of flask_http_request_duration_seconds_bucket carries the service label asked for, "app"; they carry job, le, status'
    );
  });
});
