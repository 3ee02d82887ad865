// `npm run bench:discover`: `perfscope discover` against the fixture Prometheus holding a fleet of 1,000
// services (scripts/with-prometheus.sh --fleet 1000). The built CLI runs as a user runs it, once per run, with
// its requests passing through a counting proxy on 127.0.0.1; prints the requests sent and the wall time.
// Targets (issue 11): at most 50 requests and 5 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Profile } from '../../scoring';

const RUNS = 5;
const MAX_REQUESTS = 50;
const MAX_SECONDS = 5;
const RUN_LIMIT_MS = 60_000;

const upstream = process.env.PERFSCOPE_FLEET_PROMETHEUS;
const at = process.env.PERFSCOPE_FIXTURE_TIME;
const expectedServices = Number(process.env.PERFSCOPE_FLEET_SIZE ?? 1000);
if (!upstream || !at) {
  process.stderr.write(
    'bench:discover: run it through scripts/with-prometheus.sh --fleet 1000 (npm run bench:discover)\n'
  );
  process.exit(2);
}

/** Forwards every request to the fleet Prometheus and counts them. */
function countingProxy(target: URL) {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    const out = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }
    );
    out.on('error', (e) => res.writeHead(502).end(String(e)));
    req.pipe(out);
  });
  return {
    server,
    take: () => {
      const n = count;
      count = 0;
      return n;
    },
  };
}

/** Runs the built CLI; with --out, its report is on standard output. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '../../../bin/perfscope.js'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const proxy = countingProxy(new URL(upstream!));
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'perfscope-bench-discover-'));
  const out = path.join(dir, 'profile.json');
  const walls: number[] = [];
  const requests: number[] = [];
  let failed = '';
  try {
    for (let run = 0; run < RUNS && !failed; run++) {
      rmSync(out, { force: true });
      const started = process.hrtime.bigint();
      const result = await runCli(['discover', '--prometheus', url, '--at', at!, '--out', out]);
      walls.push(Number(process.hrtime.bigint() - started) / 1e9);
      requests.push(proxy.take());
      if (result.code !== 0) {
        failed = `perfscope discover exited ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`;
        break;
      }
      // Each run must have seen the whole fleet and covered every service, or its numbers mean nothing.
      const profile = JSON.parse(readFileSync(out, 'utf8')) as Profile;
      const found = /^services: (\d+) named by the label "job"$/m.exec(result.stdout);
      const missing = result.stdout.split('\n').filter((l) => l.startsWith('missing:'));
      if (profile.serviceLabel !== 'job' || Number(found?.[1]) !== expectedServices || missing.length > 0) {
        failed = `discover did not cover the ${expectedServices} services by job:\n${result.stdout}`;
      }
    }
  } finally {
    proxy.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) {
    process.stderr.write(`bench:discover: ${failed}\n`);
    process.exit(1);
  }
  const wall = median(walls);
  const sent = Math.max(...requests);
  const row = (name: string, value: string, target: string, ok: boolean) =>
    `${name.padEnd(22)} ${value.padStart(22)}   target ${target.padEnd(8)} ${ok ? 'met' : 'MISSED'}`;
  process.stdout.write(
    [
      `perfscope discover, fleet of ${expectedServices} services (${RUNS} runs of the built CLI, each a new process)`,
      row('requests per run', `${sent} (${Math.min(...requests)}-${sent})`, `<= ${MAX_REQUESTS}`, sent <= MAX_REQUESTS),
      row(
        'wall time, median',
        `${wall.toFixed(2)} s (${Math.min(...walls).toFixed(2)}-${Math.max(...walls).toFixed(2)})`,
        `<= ${MAX_SECONDS} s`,
        wall <= MAX_SECONDS
      ),
      '',
    ].join('\n')
  );
}

main().catch((e) => {
  process.stderr.write(`bench:discover: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
