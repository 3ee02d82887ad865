// A local Prometheus for `npm run demo` and the demo tests: the compose stack's config, pointed at 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, writeFileSync, accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

export const REPO = resolve(__dirname, '../..');
export const COMPOSE_PROMETHEUS_CONFIG = join(REPO, 'demo/prometheus.yml');
export const RULES_FILE = join(REPO, 'provisioning/prometheus/perfscope.rules.yml');

export class DemoError extends Error {
  name = 'DemoError';
}

/** The compose config with the workload at `target`, the rule file at its path here (when it exists). */
export function localConfig(options: { target: string; scrapeInterval: string; rulesFile?: string }): string {
  const config = parse(readFileSync(COMPOSE_PROMETHEUS_CONFIG, 'utf8'));
  config.global.scrape_interval = options.scrapeInterval;
  config.global.evaluation_interval = options.scrapeInterval;
  const rules = options.rulesFile ?? RULES_FILE;
  if (existsSync(rules)) {
    config.rule_files = [rules];
  } else {
    delete config.rule_files;
  }
  config.scrape_configs[0].static_configs = [{ targets: [options.target] }];
  return stringify(config);
}

/** PERFSCOPE_PROMETHEUS_BIN, or `prometheus` on PATH (Debian's package puts it in /usr/bin). */
export function findPrometheus(env: Record<string, string | undefined>): string {
  const candidates = env.PERFSCOPE_PROMETHEUS_BIN
    ? [env.PERFSCOPE_PROMETHEUS_BIN]
    : (env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'prometheus'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not this one
    }
  }
  throw new DemoError(
    env.PERFSCOPE_PROMETHEUS_BIN
      ? `PERFSCOPE_PROMETHEUS_BIN: ${env.PERFSCOPE_PROMETHEUS_BIN} is not an executable file`
      : 'Prometheus is not installed: `apt-get install prometheus` on Debian, put a prometheus binary on PATH, or set PERFSCOPE_PROMETHEUS_BIN (with Docker: docker compose up --build)'
  );
}

export interface RunningPrometheus {
  url: string;
  pid: number;
  /** Stops Prometheus and waits until it has exited. */
  stop(): Promise<void>;
}

const lastLines = (file: string, n: number) => {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
};

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Starts Prometheus on 127.0.0.1:`port` with data and log in `dir`; resolves once it is ready. */
export async function startPrometheus(options: {
  binary: string;
  port: number;
  dir: string;
  config: string;
}): Promise<RunningPrometheus> {
  const configFile = join(options.dir, 'prometheus.yml');
  const log = join(options.dir, 'prometheus.log');
  writeFileSync(configFile, options.config);
  const out = openSync(log, 'a');
  const child = spawn(
    options.binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(options.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      '--storage.tsdb.retention.time=1d',
    ],
    { stdio: ['ignore', out, out] }
  );
  closeSync(out);
  // Never leave Prometheus behind, even when this process dies of an error.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.kill('SIGTERM') && !(await exited(child, 10_000))) {
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
  };
  const spawned = await new Promise<Error | null>((done) => {
    child.once('spawn', () => done(null));
    child.once('error', done);
  });
  if (spawned) {
    process.off('exit', killOnExit);
    throw new DemoError(`cannot start ${options.binary}: ${spawned.message}`);
  }

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await exited(child, 0)) {
      process.off('exit', killOnExit);
      throw new DemoError(
        `Prometheus stopped while starting (exit ${child.exitCode ?? child.signalCode}):\n${lastLines(log, 5)}`
      );
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false
    );
    if (ready) {
      return { url, pid: child.pid!, stop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new DemoError(`Prometheus was not ready after 30 s:\n${lastLines(log, 5)}`);
}
