import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { stringify } from 'yaml';

import type { PrometheusRecordingRule, PrometheusRuleFile } from '../../src/alerting';
import { fixtureUrl, served } from './fixturePrometheus';

// A second Prometheus over the fixture data with PerfScope's recording rules backfilled by promtool, so tests
// can read recorded series (perfscope:health_score and friends) at the fixture's evaluation time. Under
// scripts/with-engine.sh (PERFSCOPE_ENGINE), a second engine instead, the rules evaluated on it by vmalert's
// replay mode and written back into it (docs/engines.md).

const run = promisify(execFile);

export interface RecordedPrometheus {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Recording rules in layers: promtool backfills each rule from the Prometheus it is given, so a rule that reads
 * another recorded series must wait until that one is in the data.
 */
function layers(file: PrometheusRuleFile): PrometheusRuleFile[] {
  const recordings = file.groups.map((g) => ({
    ...g,
    rules: g.rules.filter((r): r is PrometheusRecordingRule => 'record' in r),
  }));
  const all = recordings.flatMap((g) => g.rules);
  const depth = new Map<PrometheusRecordingRule, number>();
  const depthOf = (rule: PrometheusRecordingRule): number => {
    if (!depth.has(rule)) {
      const inputs = all.filter((r) => r !== rule && rule.expr.includes(r.record));
      depth.set(rule, 1 + Math.max(0, ...inputs.map(depthOf)));
    }
    return depth.get(rule)!;
  };
  const deepest = Math.max(...all.map(depthOf));
  return Array.from({ length: deepest }, (_, i) => ({
    groups: recordings
      .map((g) => ({ ...g, rules: g.rules.filter((r) => depthOf(r) === i + 1) }))
      .filter((g) => g.rules.length > 0),
  }));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startPrometheus(dataDir: string, work: string): Promise<RecordedPrometheus> {
  const port = await freePort();
  const config = join(work, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=10y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: 'ignore', detached: true }
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) {
      break;
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) {
        return { url, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`prometheus on ${dataDir} did not become ready`);
}

/**
 * Starts Prometheus over a copy of the fixture data with every recording rule of `file` evaluated from
 * `from` to `to` (Unix seconds). Always call stop().
 */
export async function startRecordedPrometheus(
  file: PrometheusRuleFile,
  from: number,
  to: number
): Promise<RecordedPrometheus> {
  const engine = process.env.PERFSCOPE_ENGINE;
  if (engine) {
    return recordedEngine(engine, file, from, to);
  }
  const fixtureData = process.env.PERFSCOPE_PROMETHEUS_DATA;
  if (!fixtureData) {
    throw new Error('PERFSCOPE_PROMETHEUS_DATA is not set: run through scripts/with-prometheus.sh');
  }
  return recordedOver(fixtureData, fixtureUrl(), file, from, to);
}

/**
 * As startRecordedPrometheus, over the data of another fixture Prometheus that scripts/with-prometheus.sh
 * started (a preset fixture's, PERFSCOPE_PRESET_PROMETHEUS): a snapshot of its blocks (its admin API), with every
 * recording rule of `file` evaluated from it. Always call stop().
 */
export async function startRecordedPrometheusOver(
  url: string,
  file: PrometheusRuleFile,
  from: number,
  to: number
): Promise<RecordedPrometheus> {
  const flags = await (await fetch(`${url}/api/v1/status/flags`)).json();
  const snapshot = await (await fetch(`${url}/api/v1/admin/tsdb/snapshot?skip_head=true`, { method: 'POST' })).json();
  if (flags.status !== 'success' || snapshot.status !== 'success') {
    throw new Error(`${url}: no snapshot of its data (${flags.error ?? snapshot.error})`);
  }
  const dir = join(flags.data['storage.tsdb.path'], 'snapshots', snapshot.data.name);
  try {
    return await recordedOver(dir, url, file, from, to);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function recordedOver(
  fixtureData: string,
  sourceUrl: string,
  file: PrometheusRuleFile,
  from: number,
  to: number
): Promise<RecordedPrometheus> {
  const work = mkdtempSync(join(tmpdir(), 'perfscope-recorded-'));
  const data = join(work, 'data');
  cpSync(fixtureData, data, { recursive: true, filter: (src) => !src.endsWith('/complete') });
  let source: RecordedPrometheus | null = null;
  try {
    for (const [i, layer] of layers(file).entries()) {
      // One path for every layer (and every run): a group's evaluation offset hashes its name and file, and each
      // layer must see its inputs recorded at the very timestamps it is evaluated at, as one group would.
      const rules = join(work, 'rules.yml');
      writeFileSync(rules, stringify(layer));
      const out = join(work, `blocks-${i}`);
      mkdirSync(out);
      await run(
        'promtool',
        [
          'tsdb',
          'create-blocks-from',
          'rules',
          `--start=${from}`,
          `--end=${to}`,
          `--url=${source ? source.url : sourceUrl}`,
          `--output-dir=${out}`,
          'rules.yml',
        ],
        { cwd: work }
      );
      await source?.stop();
      source = null;
      for (const block of readdirSync(out)) {
        renameSync(join(out, block), join(data, block));
      }
      source = await startPrometheus(data, work);
    }
  } catch (e) {
    await source?.stop();
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  const server = source!;
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh engine over the fixture scenarios (scripts/with-engine.sh) with every recording rule of `file`
 * evaluated on it from `from` to `to` by `vmalert -replay.*`, layer by layer, each layer's results written into
 * the engine before the next layer reads them.
 */
async function recordedEngine(
  engine: string,
  file: PrometheusRuleFile,
  from: number,
  to: number
): Promise<RecordedPrometheus> {
  const vmalert = process.env.PERFSCOPE_VMALERT;
  if (!vmalert) {
    throw new Error(
      'PERFSCOPE_VMALERT is not set: run through scripts/with-engine.sh (scripts/engines.sh installs it)'
    );
  }
  const server = await served('scripts/with-engine.sh', [engine]);
  if (!server.writeUrls?.length) {
    await server.stop();
    throw new Error('scripts/with-engine.sh exported no PERFSCOPE_ENGINE_WRITE_URLS');
  }
  const work = mkdtempSync(join(tmpdir(), 'perfscope-replay-'));
  const stop = async () => {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const rules = join(work, 'rules.yml');
    for (const layer of layers(file)) {
      writeFileSync(rules, stringify(layer));
      // Into every replica of Thanos, so that each holds the same recorded series, as two rulers would write.
      for (const writeUrl of server.writeUrls!) {
        await run(
          vmalert,
          [
            `-rule=${rules}`,
            `-datasource.url=${server.url}`,
            `-remoteWrite.url=${writeUrl}`,
            '-remoteWrite.disablePathAppend',
            `-replay.timeFrom=${new Date(from * 1000).toISOString()}`,
            `-replay.timeTo=${new Date(to * 1000).toISOString()}`,
            '-replay.rulesDelay=0s',
            '-replay.disableProgressBar',
            '-loggerLevel=ERROR',
            '-httpListenAddr=127.0.0.1:0',
          ],
          { timeout: 120_000 }
        );
      }
      // VictoriaMetrics makes what it was sent searchable at its next flush: now.
      if (engine === 'victoriametrics') {
        await fetch(`${server.url}/internal/force_flush`);
      }
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: server.url, stop };
}

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** An instant query; every failure names the query. */
export async function instant(url: string, query: string, time: number): Promise<Sample[]> {
  const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query, time: String(time) })}`);
  const body = await res.json();
  if (body.status !== 'success') {
    throw new Error(`${query}: ${body.error}`);
  }
  return body.data.result.map((r: { metric: Record<string, string>; value: [number, string] }) => ({
    labels: r.metric,
    value: Number(r.value[1]),
  }));
}
