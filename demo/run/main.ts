// `npm run demo`: the workload and Debian's Prometheus on 127.0.0.1, and the live `perfscope check` report,
// refreshed every few seconds. Ctrl-C stops everything it started.
import { ConfigError, DEFAULTS, parseSeconds } from '../workload/config';
import { SCENARIOS } from '../workload/scenarios';
import { startDemo, type Demo } from './demo';
import { checkArgs, runCheck } from './live';
import { DemoError } from './prometheus';

const USAGE = `usage: npm run demo [-- --every 5s] [--port ${DEFAULTS.port}] [--prometheus-port 9090]

Starts the PerfScope demo workload and Prometheus on 127.0.0.1 (a busy port is swapped for a free one) and shows
the live health report of \`perfscope check\`. The workload reads PERFSCOPE_DEMO_* variables (see README).`;

/** Seconds between scrapes, and the window `perfscope check` rates over: a scenario switch shows within a minute. */
const SCRAPE_SECONDS = 5;
const RATE_SECONDS = 60;

function parseArgs(argv: string[]): { every: number; port: number; prometheusPort: number } | null {
  const out = { every: 5, port: DEFAULTS.port, prometheusPort: 9090 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      return null;
    }
    const value = argv[++i];
    if (value === undefined) {
      throw new DemoError(`${flag} needs a value`);
    }
    if (flag === '--every') {
      const seconds = parseSeconds(value);
      if (seconds === null || seconds < 1) {
        throw new DemoError(`--every must be a duration of at least 1s, such as 5s, not "${value}"`);
      }
      out.every = seconds;
    } else if (flag === '--port' || flag === '--prometheus-port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new DemoError(`${flag} must be a port number from 1 to 65535, not "${value}"`);
      }
      out[flag === '--port' ? 'port' : 'prometheusPort'] = port;
    } else {
      throw new DemoError(`unknown flag ${flag}\n\n${USAGE}`);
    }
  }
  return out;
}

function header(demo: Demo, every: number): string {
  const w = demo.workload.url;
  const s = demo.workload.simulator.state;
  return [
    `PerfScope demo: service "${s.service}", scenario ${s.scenario} since ${s.since.slice(11, 19)} UTC   (Ctrl-C stops everything)`,
    `  workload    ${w}/metrics`,
    `  Prometheus  ${demo.prometheus.url}   (pid ${demo.prometheus.pid}, scraping every ${SCRAPE_SECONDS}s)`,
    `  switch      curl -X PUT ${w}/scenario -d '{"scenario": "incident"}'   (${SCENARIOS.join(', ')})`,
    `  deploy      curl -X POST ${w}/deploy -d '{"version": "1.5.0"}'`,
    '',
    `$ perfscope ${checkArgs(demo.prometheus.url, s.service, `${RATE_SECONDS}s`).join(' ')}   (every ${every}s)`,
  ].join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Ctrl-C is ours from the start, so even a stop during start-up tears down what was started.
  let signalled: string | undefined;
  let onSignal = (signal: string) => void (signalled ??= signal);
  process.once('SIGINT', () => onSignal('Ctrl-C'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  const startedAt = Date.now();
  const demo = await startDemo({
    workloadPort: args.port,
    prometheusPort: args.prometheusPort,
    scrapeInterval: `${SCRAPE_SECONDS}s`,
    env: process.env,
  }).catch((e: unknown) => {
    throw signalled ? new DemoError(`stopped (${signalled}) while starting`) : e;
  });
  const tty = Boolean(process.stdout.isTTY);
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  const finished = new Promise<number>((resolve) => {
    onSignal = (signal: string) => {
      if (stopping) {
        return;
      }
      stopping = true;
      clearTimeout(timer);
      process.stdout.write(`\n${signal}: stopping Prometheus (pid ${demo.prometheus.pid}) and the workload\n`);
      void demo.stop().then(() => resolve(0));
    };
  });
  if (signalled) {
    onSignal(signalled);
    return finished;
  }

  const windowFull = startedAt + (RATE_SECONDS + SCRAPE_SECONDS) * 1000;
  const refresh = async () => {
    const report = await runCheck(demo.prometheus.url, demo.workload.simulator.state.service, `${RATE_SECONDS}s`, tty);
    if (stopping) {
      return;
    }
    const warming =
      Date.now() < windowFull
        ? `(until ${new Date(windowFull).toISOString().slice(11, 19)} UTC the ${RATE_SECONDS}s rate windows are not full yet: rates, CPU above all, read off)\n`
        : '';
    const screen = `${header(demo, args.every)}\n${warming}${report}\n`;
    process.stdout.write(tty ? `\x1b[H\x1b[2J${screen}` : `${screen}\n`);
    timer = setTimeout(() => void refresh(), args.every * 1000);
  };
  await refresh();
  return finished;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const known = e instanceof DemoError || e instanceof ConfigError;
    process.stderr.write(`perfscope demo: ${known ? (e as Error).message : `internal error: ${String(e)}`}\n`);
    process.exit(2);
  }
);
