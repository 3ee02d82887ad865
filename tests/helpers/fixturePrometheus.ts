import { spawn, type ChildProcess } from 'child_process';
import { join, resolve } from 'path';

const root = resolve(__dirname, '../..');

/** The fixture Prometheus (testdata/scenarios) and the time its scenarios are evaluated at (ms). */
export interface FixturePrometheus {
  url: string;
  at: number;
  stop(): Promise<void>;
}

/** The URL of the fixture Prometheus that scripts/with-prometheus.sh started (the tests run under it). */
export function fixtureUrl(): string {
  const url = process.env.PERFSCOPE_PROMETHEUS_URL;
  if (!url) {
    throw new Error('PERFSCOPE_PROMETHEUS_URL is not set: run through scripts/with-prometheus.sh');
  }
  return url;
}

const MARK = 'perfscope-fixture-prometheus ';

// Run by `fixtures serve` once Prometheus is ready: prints what the test needs, then waits until the test
// closes its standard input (fixtures serve then stops Prometheus and exits).
const WAITER = `
process.stdout.write(${JSON.stringify(MARK)} + JSON.stringify({
  url: process.env.PERFSCOPE_PROMETHEUS_URL,
  at: Number(process.env.PERFSCOPE_FIXTURE_TIME) * 1000,
  writeUrls: process.env.PERFSCOPE_ENGINE_WRITE_URLS?.split(' '),
}) + '\\n');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

/**
 * The fixture Prometheus: the one scripts/with-prometheus.sh started when the tests run under it, else one
 * started here through that same script (Debian's prometheus on 127.0.0.1, a free port), stopped by `stop`.
 */
export async function fixturePrometheus(): Promise<FixturePrometheus> {
  const { PERFSCOPE_PROMETHEUS_URL: url, PERFSCOPE_FIXTURE_TIME: time } = process.env;
  if (url && time) {
    return { url, at: Number(time) * 1000, stop: async () => {} };
  }
  return served('scripts/with-prometheus.sh', []);
}

/** A fixture server started through one of the scripts (with-prometheus.sh, with-engine.sh ENGINE). */
export async function served(script: string, args: string[]): Promise<FixturePrometheus & { writeUrls?: string[] }> {
  const child = spawn(join(root, script), [...args, '--', process.execPath, '-e', WAITER], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const found = await announced(script, child, exited);
  return {
    ...found,
    stop: async () => {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGTERM'), 10000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The URL and time the waiter prints, or the script's own words when it ends first. */
function announced(
  script: string,
  child: ChildProcess,
  exited: Promise<number | null>
): Promise<{ url: string; at: number; writeUrls?: string[] }> {
  let out = '';
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith(MARK) && out.includes(`${l}\n`));
      if (line) {
        resolve(JSON.parse(line.slice(MARK.length)));
      }
    });
    void exited.then((code) =>
      reject(new Error(`${script} ended (${code}) before the server was ready: ${err.trim()}`))
    );
  });
}

/**
 * The decimal places `toBeCloseTo`/`expect.closeTo` can ask of a value the fixture server returned after it
 * stored it: `digits`, but VictoriaMetrics keeps about 12 significant decimal digits of a stored float, the last
 * not always rounded to nearest (docs/engines.md), so there it asks 11 and the places shrink as the value grows.
 */
export function storedDigits(value: number, digits = 9): number {
  if (process.env.PERFSCOPE_ENGINE !== 'victoriametrics' || value === 0) {
    return digits;
  }
  return Math.min(digits, 10 - Math.floor(Math.log10(Math.abs(value))));
}
