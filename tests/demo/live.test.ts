// The demo for real: the workload scraped every second by Debian's Prometheus, switched from scenario to
// scenario over HTTP, and `perfscope check --json` moving into each scenario's band. Then `npm run demo` itself,
// stopped with Ctrl-C, leaving nothing behind.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, startDemo, type Demo } from '../../demo/run/demo';
import { checkArgs, perfscopeCheck } from '../../demo/run/live';
import { conditionsAt, DOMAINS, type ScenarioName } from '../../demo/workload/scenarios';
import { defaultProfile, healthScore } from '../../src/scoring';

const REPO = join(__dirname, '../..');
const RATE_SECONDS = 8;
const LEAK_RAMP_SECONDS = 2;

/** What `perfscope check` should measure once a scenario fills the rate window. */
function expected(name: ScenarioName) {
  const c = conditionsAt(name, Infinity, LEAK_RAMP_SECONDS);
  const indicators = {
    latency_p95: c.latencyP95,
    error_rate: c.errorPercent,
    cpu: c.cpuPercent,
    memory: c.memoryPercent,
    availability: 100 - c.errorPercent,
  };
  return { c, indicators, band: healthScore(defaultProfile(), indicators).band };
}

/** The band the fixture scenario of the same name must produce (testdata/scenarios/<name>.json). */
const fixtureBand = (name: string): string =>
  JSON.parse(readFileSync(join(REPO, 'testdata/scenarios', `${name}.json`), 'utf8')).expect.band;

interface Report {
  service: string;
  score: number;
  band: string;
  indicators: Array<{ id: string; value: number }>;
  domains: Array<{ name: string; overhead: number }>;
}

/** Measured values off the scenario's by more than the counting noise of an 8 s window at 1000 requests/s. */
function offBy(report: Report, name: ScenarioName): string[] {
  const { c, indicators } = expected(name);
  const value = (id: string) => report.indicators.find((i) => i.id === id)?.value ?? NaN;
  const tolerance: Record<string, number> = {
    latency_p95: 0.01 * c.latencyP95,
    error_rate: 0.05,
    cpu: 0.5,
    memory: 0.01,
  };
  const off = Object.entries(tolerance)
    .filter(([id, tol]) => !(Math.abs(value(id) - indicators[id as keyof typeof indicators]) <= tol))
    .map(([id]) => `${id} ${value(id)} (want ${indicators[id as keyof typeof indicators]})`);
  for (const d of DOMAINS) {
    const overhead = report.domains.find((x) => x.name === d)?.overhead ?? NaN;
    if (!(Math.abs(overhead - c.domainSharePercent[d]) <= 0.05 * c.domainSharePercent[d])) {
      off.push(`${d} overhead ${overhead} (want ${c.domainSharePercent[d]})`);
    }
  }
  return off;
}

describe('workload + Prometheus + perfscope check', () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo({
      workloadPort: 0,
      prometheusPort: 0,
      scrapeInterval: '1s',
      // The first scenario comes from the environment, as in docker-compose.yaml.
      env: {
        ...process.env,
        PERFSCOPE_DEMO_SCENARIO: 'degraded',
        PERFSCOPE_DEMO_RPS: '1000',
        PERFSCOPE_DEMO_LEAK_RAMP: `${LEAK_RAMP_SECONDS}s`,
      },
    });
  }, 60_000);
  afterAll(() => demo?.stop());

  const check = async () => {
    const r = await perfscopeCheck(checkArgs(demo.prometheus.url, 'demo', `${RATE_SECONDS}s`, true));
    expect(r.stderr).not.toContain('internal error');
    return { code: r.code, report: (r.code === 2 ? null : JSON.parse(r.stdout)) as Report | null };
  };

  /** Checks once the window holds only the scenario, and again while the counting noise still shows. */
  async function settle(name: ScenarioName, since: number) {
    const ready = since + (RATE_SECONDS + 2.5) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, ready - Date.now())));
    let last: Awaited<ReturnType<typeof check>> = { code: 2, report: null };
    for (let attempt = 0; attempt < 6; attempt++) {
      last = await check();
      if (last.report && offBy(last.report, name).length === 0) {
        break;
      }
      await new Promise((r) => setTimeout(r, 1500));
    }
    return last;
  }

  const steps: Array<[ScenarioName, string]> = [
    ['degraded', 'info'],
    ['healthy', 'ok'],
    ['budget-burn', 'info'],
    ['leak', 'warning'],
    ['incident', 'critical'],
  ];

  it.each(steps)(
    '%s moves the score into the %s band',
    async (name, band) => {
      const started = Date.now();
      let since = started;
      if (demo.workload.simulator.state.scenario !== name) {
        const res = await fetch(`${demo.workload.url}/scenario`, {
          method: 'PUT',
          body: JSON.stringify({ scenario: name }),
        });
        expect(res.status).toBe(200);
        since = Date.parse((await res.json()).since);
      } else {
        since = Date.parse(demo.workload.simulator.state.since);
      }
      // The band is the one the scoring library gives the scenario's numbers, and the fixture's for shared names.
      expect(expected(name).band).toBe(band);
      if (name !== 'leak') {
        expect(fixtureBand(name)).toBe(band);
      }

      const { code, report } = await settle(name, since);
      expect(report).not.toBeNull();
      expect(offBy(report!, name)).toEqual([]);
      expect({ service: report!.service, band: report!.band }).toEqual({ service: 'demo', band });
      // The gate: exit 0 at 70 and above with no key indicator critical, 1 otherwise.
      expect(code).toBe(report!.score >= 70 && band !== 'critical' ? 0 : 1);
      process.stdout.write(
        `demo ${name}: score ${report!.score.toFixed(2)} ${report!.band}, settled ${((Date.now() - since) / 1000).toFixed(1)} s after the switch\n`
      );
    },
    45_000
  );
});

describe('npm run demo', () => {
  const listening = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const ourTempDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('perfscope-demo-'));

  it('prints the URLs and the live report, and Ctrl-C stops everything it started', async () => {
    const before = new Set(ourTempDirs());
    const port = await freePort(0);
    const prometheusPort = await freePort(0);
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        'demo/run/main.ts',
        '--every',
        '1s',
        '--port',
        String(port),
        '--prometheus-port',
        String(prometheusPort),
      ],
      { cwd: REPO, env: { ...process.env, PERFSCOPE_DEMO_SCENARIO: 'incident' } }
    );
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 40_000;
    while (!/gate: unhealthy/.test(stdout) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(stdout).toContain(`workload    http://127.0.0.1:${port}/metrics`);
    expect(stdout).toContain(`Prometheus  http://127.0.0.1:${prometheusPort}`);
    expect(stdout).toContain(`$ perfscope check --prometheus http://127.0.0.1:${prometheusPort} --service demo`);
    expect(stdout).toMatch(/service demo: health score \d+\.\d critical/);
    const pid = Number(/\(pid (\d+),/.exec(stdout)![1]);
    expect(alive(pid)).toBe(true);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain(`Ctrl-C: stopping Prometheus (pid ${pid}) and the workload`);
    expect(alive(pid)).toBe(false);
    expect(await listening(prometheusPort)).toBe(false);
    expect(await listening(port)).toBe(false);
    expect(ourTempDirs().filter((d) => !before.has(d))).toEqual([]);
  }, 60_000);
});
