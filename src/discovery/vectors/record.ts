// Records discovery against the fixture Prometheus (and, when they are served, the preset fixtures) into
// testdata/discovery/<name>.json, which the TypeScript and the Go discovery replay offline; also writes
// testdata/discovery/promql/metric-names.json. Run as `npm run record:discovery`, which starts the fixture
// servers (scripts/with-prometheus.sh); `npm run record:discovery -- --check` compares instead of writing and
// fails on any difference (the fixture data is fixed, so a recording only changes with the code).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { prometheusClient } from '../../cli/prometheus';
import { defaultProfile } from '../../scoring';
import type { Profile } from '../../scoring/types';
import type { PrometheusApi } from '../api';
import { discover, type DiscoverOptions } from '../discover';
import { metricNameCases } from './metricNames';
import { recordingApi, type Recording } from './recording';

const testdata = join(__dirname, '..', '..', '..', 'testdata');
const dir = join(testdata, 'discovery');
const check = process.argv.includes('--check');
const problems: string[] = [];

/** JSON with every object's keys sorted. */
const sortedKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sortedKeys)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, sortedKeys(x)])
        )
      : v;

/**
 * A recording's content whatever the order of its requests and of its objects' keys (concurrent requests, and
 * the coverage they fill, come in any order).
 */
function normalised(text: string): string {
  const value = sortedKeys(JSON.parse(text)) as { requests?: unknown[] };
  if (Array.isArray(value.requests)) {
    value.requests = value.requests.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(value);
}

/** Writes a file unless it already says the same (a recording's requests in any order). */
function write(path: string, value: unknown) {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  let old: string | undefined;
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    old = undefined;
  }
  if (old !== undefined && normalised(old) === normalised(text)) {
    return;
  }
  if (check) {
    problems.push(`${path} is not what the recorder writes now`);
    return;
  }
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const evalTime = (file: string) => Date.parse(JSON.parse(readFileSync(join(testdata, file), 'utf8')).evalTime);

/** A base profile of one's own: a threshold between two bounds, and indicators whose data is missing in ways. */
function ownBase(): Profile {
  const p = defaultProfile();
  p.sla.latencyThreshold = 0.25;
  p.indicators[2].query =
    '100 * avg by (service) (rate(process_cpu_seconds_total{service=~"$service"}[$__rate_interval]))';
  p.indicators[5].enabled = true;
  const extra = (id: string, query: string) => ({ ...p.indicators[5], id, name: id, query });
  p.indicators.push(
    extra('no_metric', 'sum by (service) (rate(no_such_metric_total{service=~"$service"}[$__rate_interval]))'),
    extra(
      'filtered_out',
      'sum by (service) (rate(http_requests_total{service=~"$service", code="999"}[$__rate_interval]))'
    ),
    extra(
      'renamed',
      'sum by (service) (label_replace(db_pool_connections_in_use{service=~"$service"}, "service", "x-$1", "service", "(.*)"))'
    ),
    extra(
      'incident_only',
      'sum by (service) ({__name__="db_pool_connections_max", service=~"$service", service=~"inc.*"})'
    )
  );
  return p;
}

async function record(name: string, fixture: string, url: string, at: number, options: Omit<DiscoverOptions, 'at'>) {
  const client = prometheusClient(url, {}, 30_000);
  // Prometheus returns a vector's samples in no set order: sorted, a recording is the same every time.
  const sorted: PrometheusApi = {
    async get(path, params) {
      const data = (await client.get(path, params)) as { resultType?: string; result?: Array<{ metric: object }> };
      if (data?.resultType === 'vector' && Array.isArray(data.result)) {
        const key = (r: { metric: object }) => JSON.stringify(Object.entries(r.metric).sort());
        data.result.sort((a, b) => key(a).localeCompare(key(b)));
      }
      return data;
    },
  };
  const { api, requests } = recordingApi(sorted);
  const expected = await discover(api, { at, ...options });
  const recording: Recording = {
    comment:
      'Written by `npm run record:discovery` (src/discovery/vectors/record.ts); replayed by src/discovery/vectors/replay.test.ts and pkg/discovery. Do not edit.',
    fixture,
    at,
    options,
    requests,
    expected,
  };
  write(join(dir, `${name}.json`), recording);
  console.log(`${name}: ${requests.length} requests`);
  return recording;
}

async function main() {
  write(join(dir, 'promql', 'metric-names.json'), {
    comment: 'Written by `npm run record:discovery`: the metric names src/scoring finds in each query (metricNames).',
    cases: metricNameCases(),
  });
  const url = process.env.PERFSCOPE_PROMETHEUS_URL;
  const presets = process.env.PERFSCOPE_PRESET_PROMETHEUS;
  if (!url) {
    throw new Error(
      'PERFSCOPE_PROMETHEUS_URL is not set: run `npm run record:discovery`, which starts the fixture Prometheus'
    );
  }
  const at = evalTime('scenarios/expected.json');
  const written: string[] = [];
  const recorded = async (name: string, ...args: [string, string, number, Omit<DiscoverOptions, 'at'>]) => {
    written.push(name);
    return record(name, ...args);
  };
  await recorded('default', 'default', url, at, { serviceLabel: 'service' });
  await recorded('default-recognised', 'default', url, at, {});
  await recorded('default-wrong-service-label', 'default', url, at, { serviceLabel: 'job' });
  await recorded('default-own-base', 'default', url, at, { base: ownBase() });
  if (presets) {
    const servers = JSON.parse(presets) as Record<string, string>;
    const expected = JSON.parse(readFileSync(join(testdata, 'presets', 'expected.json'), 'utf8'));
    const presetAt = Date.parse(expected.evalTime);
    for (const [id, presetUrl] of Object.entries(servers).sort(([a], [b]) => a.localeCompare(b))) {
      const found = await recorded(`preset-${id}`, id, presetUrl, presetAt, {});
      // Where discovery recognises another label than the one the fixture names services by, that one too.
      const label: string | undefined = expected.fixtures?.[id]?.serviceLabel;
      if (label && label !== found.expected.serviceLabel) {
        await recorded(`preset-${id}-by-${label}`, id, presetUrl, presetAt, { serviceLabel: label });
      }
    }
  }
  // Recordings of fixtures no longer served go (preset ones only when the preset fixtures were served).
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const name = file.replace(/\.json$/, '');
    if (!written.includes(name) && (presets || !name.startsWith('preset-'))) {
      if (check) {
        problems.push(`${file} is no longer recorded`);
      } else {
        rmSync(join(dir, file));
      }
    }
  }
  if (!presets) {
    console.log('no preset fixtures (PERFSCOPE_PRESET_PROMETHEUS): their recordings were left as they are');
  }
  if (problems.length > 0) {
    throw new Error(`${problems.join('\n')}\nrun npm run record:discovery`);
  }
}

main().catch((e) => {
  console.error(`record:discovery: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
