// The demo without Docker: the workload in this process, Debian's Prometheus beside it, both on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadConfig } from '../workload/config';
import { startWorkload, type Workload } from '../workload/server';
import { DemoError, findPrometheus, localConfig, startPrometheus, type RunningPrometheus } from './prometheus';

export interface DemoOptions {
  /** Preferred ports; a free one is taken when they are busy. */
  workloadPort: number;
  prometheusPort: number;
  scrapeInterval: string;
  /** PERFSCOPE_DEMO_* settings of the workload, PERFSCOPE_PROMETHEUS_BIN, PATH. */
  env: Record<string, string | undefined>;
}

export interface Demo {
  workload: Workload;
  prometheus: RunningPrometheus;
  /** Holds Prometheus' config, data and log; removed by stop(). */
  dir: string;
  /** Stops Prometheus and the workload and removes `dir`; safe to call twice. */
  stop(): Promise<void>;
}

/** `preferred` when it is free on 127.0.0.1, otherwise one the system picks. */
export async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(null));
      probe.listen(port, '127.0.0.1', () => {
        const { port: bound } = probe.address() as { port: number };
        probe.close(() => resolve(bound));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0))!;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const binary = findPrometheus(options.env);
  const config = { ...loadConfig(options.env), host: '127.0.0.1', port: await freePort(options.workloadPort) };
  const workload = await startWorkload(config);
  const dir = mkdtempSync(join(tmpdir(), 'perfscope-demo-'));
  let prometheus: RunningPrometheus;
  try {
    prometheus = await startPrometheus({
      binary,
      dir,
      port: await freePort(options.prometheusPort),
      config: localConfig({ target: new URL(workload.url).host, scrapeInterval: options.scrapeInterval }),
    });
  } catch (e) {
    await workload.close();
    rmSync(dir, { recursive: true, force: true });
    throw e instanceof DemoError ? e : new DemoError(String(e));
  }
  let stopped: Promise<void> | undefined;
  return {
    workload,
    prometheus,
    dir,
    stop: () =>
      (stopped ??= (async () => {
        await prometheus.stop();
        await workload.close();
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
