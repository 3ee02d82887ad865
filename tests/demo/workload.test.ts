// The demo workload: its HTTP API under bad requests, its settings, and what it exports over simulated time.
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, loadConfig } from '../../demo/workload/config';
import { conditionsAt, DOMAINS, SCENARIOS, type ScenarioName } from '../../demo/workload/scenarios';
import { startWorkload, MAX_BODY_BYTES, MAX_CONNECTIONS, type Workload } from '../../demo/workload/server';
import { MAX_CATCH_UP_SECONDS, Simulator } from '../../demo/workload/simulator';

const REPO = join(__dirname, '../..');

describe('the workload API', () => {
  let workload: Workload;
  beforeAll(async () => {
    workload = await startWorkload({ ...loadConfig({}), port: 0 });
  });
  afterAll(() => workload.close());

  const call = async (method: string, path: string, body?: string) => {
    const res = await fetch(`${workload.url}${path}`, { method, body });
    const text = await res.text();
    return { status: res.status, allow: res.headers.get('allow'), text, json: () => JSON.parse(text) };
  };

  it.each([
    [
      'an unknown scenario',
      '{"scenario": "meltdown"}',
      'scenario "meltdown" is unknown: use one of healthy, degraded, incident, leak, budget-burn',
    ],
    ['a missing scenario', '{}', 'scenario is missing: use one of healthy, degraded, incident, leak, budget-burn'],
    ['a scenario that is not a string', '{"scenario": 3}', 'scenario 3 is unknown'],
    ['malformed JSON', '{"scenario": "incident"', 'the body is not valid JSON ('],
    ['a JSON array', '["incident"]', 'the body must be a JSON object such as {"scenario": "incident"}'],
    [
      'an unknown field',
      '{"scenario": "incident", "force": true}',
      'unknown field "force"; the body takes only "scenario"',
    ],
    ['an empty body', '', 'the body is empty; send JSON such as {"scenario": "incident"}'],
  ])('answers %s with a 400 that says what to send, and keeps its scenario', async (_what, body, message) => {
    const r = await call('PUT', '/scenario', body);
    expect(r.status).toBe(400);
    expect(r.json().error).toContain(message);
    expect((await call('GET', '/scenario')).json().scenario).toBe('healthy');
  });

  it('refuses a body over the limit with a 413', async () => {
    const r = await call('POST', '/scenario', JSON.stringify({ scenario: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(r.status).toBe(413);
    expect(r.json().error).toMatch(/^the body is \d+ bytes; at most 1024 are accepted/);
  });

  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    const missing = await call('GET', '/scenarios');
    expect(missing.status).toBe(404);
    expect(missing.json().error).toContain('no endpoint /scenarios; try GET /metrics');
    const wrong = await call('DELETE', '/scenario');
    expect(wrong).toMatchObject({ status: 405, allow: 'GET, PUT, POST' });
    expect(wrong.json().error).toBe('/scenario takes GET or PUT or POST, not DELETE');
  });

  it('refuses a bad version and records a good deployment', async () => {
    const bad = await call('POST', '/deploy', '{"version": "1.5.0; rm -rf /"}');
    expect(bad.status).toBe(400);
    expect(bad.json().error).toContain('version "1.5.0; rm -rf /" is not a version');
    expect((await call('POST', '/deploy', '{}')).json().error).toContain('version is missing');
    const good = await call('POST', '/deploy', '{"version": "1.5.0"}');
    expect(good.status).toBe(200);
    expect(good.json().version).toBe('1.5.0');
    const metrics = (await call('GET', '/metrics')).text;
    expect(metrics.match(/^deployment_timestamp_seconds\{.*$/gm)).toEqual([
      expect.stringMatching(/^deployment_timestamp_seconds\{version="1\.5\.0",service="demo"\} \d{10}$/),
    ]);
  });

  it('keeps serving after garbage on the wire, and still switches scenario', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(workload.url).port), '127.0.0.1');
      let got = '';
      socket.on('data', (d) => (got += d));
      socket.on('close', () => resolve(got));
      socket.end('NOT HTTP AT ALL\r\n\r\n');
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    const metrics = await call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('http_requests_total{');
    const switched = await call('PUT', '/scenario', '{"scenario": "incident"}');
    expect(switched.status).toBe(200);
    expect(switched.json()).toMatchObject({ service: 'demo', scenario: 'incident' });
  });
});

describe('the metrics of docs/metrics.md', () => {
  /** The table of docs/metrics.md: each metric's type, labels and, for histograms, buckets. */
  const documented = readFileSync(join(REPO, 'docs/metrics.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .flatMap((row) => {
      const [names, type, labels] = row.split('|').slice(1, 4);
      const ticked = (text: string) => [...text.replace(/\(.*?\)/g, '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
      const buckets = /buckets ([\d. ]+)/.exec(type)?.[1].trim().split(' ').map(Number);
      return ticked(names).map((name) => ({
        name,
        type: type.trim().split(/[ ,]/)[0],
        labels: ticked(labels),
        buckets,
      }));
    });

  it('are all exported, with their type, exactly their labels and their buckets', async () => {
    expect(documented.map((d) => d.name)).toHaveLength(17);
    const workload = await startWorkload({ ...loadConfig({}), port: 0 });
    try {
      await new Promise((r) => setTimeout(r, 1100));
      const text = await (await fetch(`${workload.url}/metrics`)).text();
      for (const d of documented) {
        expect([d.name, new RegExp(`^# TYPE ${d.name} (\\w+)$`, 'm').exec(text)?.[1]]).toEqual([d.name, d.type]);
        const series = [...text.matchAll(new RegExp(`^${d.name}(_bucket|_sum|_count)?\\{(.*)\\} \\S+$`, 'gm'))];
        expect([d.name, series.length > 0]).toEqual([d.name, true]);
        for (const [, suffix, labels] of series) {
          const names = [...labels.matchAll(/(\w+)="/g)].map((m) => m[1]).filter((l) => l !== 'le');
          expect([d.name, names.sort()]).toEqual([d.name, [...d.labels].sort()]);
          expect(labels).toContain('service="demo"');
          if (suffix === '_bucket' && d.buckets) {
            expect(d.buckets.map(String).concat('+Inf')).toContain(/le="([^"]+)"/.exec(labels)![1]);
          }
        }
        if (d.buckets) {
          const bounds = new Set(series.filter((m) => m[1] === '_bucket').map((m) => /le="([^"]+)"/.exec(m[2])![1]));
          expect([d.name, [...bounds]]).toEqual([d.name, [...d.buckets.map(String), '+Inf']]);
        }
      }
    } finally {
      await workload.close();
    }
  });
});

describe('the workload settings', () => {
  it.each([
    [{ PERFSCOPE_DEMO_SCENARIO: 'panic' }, 'PERFSCOPE_DEMO_SCENARIO: "panic" is not one of healthy, degraded'],
    [{ PERFSCOPE_DEMO_PORT: '99999' }, 'PERFSCOPE_DEMO_PORT: "99999" is not a port number'],
    [{ PERFSCOPE_DEMO_RPS: '0' }, 'PERFSCOPE_DEMO_RPS: "0" must be a number of requests per second above 0'],
    [{ PERFSCOPE_DEMO_RPS: 'lots' }, 'PERFSCOPE_DEMO_RPS: "lots"'],
    [{ PERFSCOPE_DEMO_LEAK_RAMP: '10 minutes' }, 'PERFSCOPE_DEMO_LEAK_RAMP: "10 minutes" is not a duration'],
    [{ PERFSCOPE_DEMO_SERVICE: 'a b' }, 'PERFSCOPE_DEMO_SERVICE: "a b" must be 1-64 letters'],
    [{ PERFSCOPE_DEMO_VERSION: '$(x)' }, 'PERFSCOPE_DEMO_VERSION: "$(x)" must be 1-64 letters'],
  ])('%j is refused naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PERFSCOPE_DEMO_SCENARIO: 'leak',
        PERFSCOPE_DEMO_PORT: '0',
        PERFSCOPE_DEMO_RPS: '250',
        PERFSCOPE_DEMO_LEAK_RAMP: '90s',
        PERFSCOPE_DEMO_SERVICE: 'checkout',
        PERFSCOPE_DEMO_VERSION: '2.0.0-rc1',
        PERFSCOPE_DEMO_HOST: '0.0.0.0',
      })
    ).toEqual({
      scenario: 'leak',
      port: 0,
      requestsPerSecond: 250,
      leakRampSeconds: 90,
      service: 'checkout',
      version: '2.0.0-rc1',
      host: '0.0.0.0',
    });
  });

  const runMain = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'demo/workload/main.ts'], {
        cwd: REPO,
        env: { ...process.env, ...env },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  it('the entry point exits 2 with one line, no stack trace, on a bad variable or a taken port', async () => {
    expect(await runMain({ PERFSCOPE_DEMO_SCENARIO: 'panic' })).toEqual({
      code: 2,
      stderr:
        'perfscope demo workload: PERFSCOPE_DEMO_SCENARIO: "panic" is not one of healthy, degraded, incident, leak, budget-burn\n',
    });
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      expect(await runMain({ PERFSCOPE_DEMO_PORT: String(port) })).toEqual({
        code: 2,
        stderr: `perfscope demo workload: port ${port} on 127.0.0.1 is taken; choose another with PERFSCOPE_DEMO_PORT\n`,
      });
    } finally {
      taken.close();
    }
  }, 30_000);
});

describe('the simulated service over simulated time', () => {
  type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };
  const SECONDS = 1000;
  const RPS = 100;

  async function run(scenario: ScenarioName, seconds: number, leakRampSeconds = 600) {
    let now = Date.UTC(2026, 0, 31);
    const sim = new Simulator({
      service: 'svc',
      scenario,
      requestsPerSecond: RPS,
      leakRampSeconds,
      version: '1.0.0',
      now: () => now,
    });
    for (let t = 0; t < seconds; t++) {
      now += 1000;
      sim.advance();
    }
    const all = await sim.metrics.registry.getMetricsAsJSON();
    const samples = (name: string): Sample[] =>
      all.flatMap((m) => (m.values as Sample[]).filter((v) => (v.metricName ?? m.name) === name).map((v) => v));
    const sum = (name: string, match: (l: Sample['labels']) => boolean = () => true) =>
      samples(name)
        .filter((s) => match(s.labels))
        .reduce((a, s) => a + s.value, 0);
    return { sim, samples, sum };
  }

  it('serves every request due, and the shares of the scenario, to within one request per counter', async () => {
    const { sum } = await run('healthy', SECONDS);
    const healthy = conditionsAt('healthy', 0, 1);
    const requests = sum('http_requests_total');
    // 5 routes x 3 outcomes x 3 latency classes carry at most one request each.
    expect(Math.abs(requests - RPS * SECONDS)).toBeLessThanOrEqual(45);
    expect(sum('http_requests_total', (l) => String(l.code).startsWith('5')) / requests).toBeCloseTo(
      healthy.errorPercent / 100,
      3
    );
    expect(sum('http_request_duration_seconds_count')).toBe(requests);
    // The cumulative shares that put histogram_quantile(0.95) at 0.15 s: 0.93 up to 0.1 s, 0.97 up to 0.2 s.
    const upTo = (le: number) => sum('http_request_duration_seconds_bucket', (l) => l.le === le) / requests;
    expect(upTo(0.05)).toBe(0);
    expect(upTo(0.1)).toBeCloseTo(0.93, 3);
    expect(upTo(0.2)).toBeCloseTo(0.97, 3);
    expect(upTo(0.3)).toBe(1);
    expect(sum('http_request_duration_seconds_sum') / requests).toBeCloseTo(healthy.latencyMean, 3);
    for (const domain of DOMAINS) {
      const share =
        (100 * sum('domain_duration_seconds_sum', (l) => l.domain === domain)) /
        sum('http_request_duration_seconds_sum');
      expect(share).toBeCloseTo(healthy.domainSharePercent[domain], 2);
    }
    expect(sum('node_cpu_seconds_total', (l) => l.mode === 'idle')).toBeCloseTo(2 * SECONDS * 0.5, 6);
    expect(sum('cache_requests_total', (l) => l.result === 'hit') / sum('cache_requests_total')).toBeCloseTo(0.95, 3);
    const memory = 100 * (1 - sum('node_memory_MemAvailable_bytes') / sum('node_memory_MemTotal_bytes'));
    expect(memory).toBeCloseTo(healthy.memoryPercent, 9);
  });

  it.each(SCENARIOS)('%s: the share of the calls into each domain that fail, to within one call', async (scenario) => {
    const { sum } = await run(scenario, SECONDS);
    const c = conditionsAt(scenario, 0, 600);
    for (const domain of DOMAINS) {
      const inDomain = (l: Sample['labels']) => l.domain === domain;
      const calls = sum('domain_duration_seconds_count', inDomain);
      const failed = sum('domain_errors_total', inDomain);
      expect([domain, calls > 1000]).toEqual([domain, true]);
      const due = (calls * c.domainErrorPercent[domain]) / 100;
      expect([domain, failed, due, Math.abs(failed - due) < 1]).toEqual([domain, failed, due, true]);
    }
  });

  it('a leak climbs to its end over the ramp and stays there', async () => {
    const half = await run('leak', 300, 600);
    const full = await run('leak', 900, 600);
    const memoryPercent = (r: typeof half) =>
      100 * (1 - r.sum('node_memory_MemAvailable_bytes') / r.sum('node_memory_MemTotal_bytes'));
    expect(memoryPercent(half)).toBeCloseTo(
      (conditionsAt('leak', 0, 600).memoryPercent + conditionsAt('leak', 600, 600).memoryPercent) / 2,
      6
    );
    expect(memoryPercent(full)).toBeCloseTo(96, 9);
    expect(full.sum('process_resident_memory_bytes')).toBe(1536 * 1024 * 1024);
    expect(half.sum('process_resident_memory_bytes')).toBeLessThan(full.sum('process_resident_memory_bytes'));
  });
});

describe('the workload under a careless or hostile client', () => {
  it('after a day without a scrape serves only the last ten minutes of requests, so the scrape does not stall', () => {
    let now = Date.UTC(2026, 0, 31);
    const sim = new Simulator({
      service: 'svc',
      scenario: 'healthy',
      requestsPerSecond: 100,
      leakRampSeconds: 600,
      version: '1.0.0',
      now: () => now,
    });
    now += 86_400_000;
    sim.advance();
    const served = sim.metrics.requests as unknown as { hashMap: Record<string, { value: number }> };
    const total = Object.values(served.hashMap).reduce((a, v) => a + v.value, 0);
    expect(Math.abs(total - 100 * MAX_CATCH_UP_SECONDS)).toBeLessThanOrEqual(45);
  });

  it('closes a connection that drips its request once the request timeout passes, and caps its connections', async () => {
    const workload = await startWorkload({ ...loadConfig({}), port: 0 });
    try {
      expect([workload.server.requestTimeout, workload.server.maxConnections]).toEqual([10_000, MAX_CONNECTIONS]);
      const { port } = new URL(workload.url);
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined); // the service hangs up on it: what this test waits for
      const started = Date.now();
      socket.write('PUT /scenario HTTP/1.1\r\nHost: w\r\nContent-Length: 1000\r\n\r\n');
      const drip = setInterval(() => socket.writable && socket.write('x'), 500);
      await new Promise<void>((resolve) => socket.on('close', () => resolve()));
      clearInterval(drip);
      const held = Date.now() - started;
      expect(held).toBeLessThan(20_000);
      expect(held).toBeGreaterThan(4_000);
    } finally {
      await workload.close();
    }
  }, 30_000);
});
