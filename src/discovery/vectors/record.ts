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
import { discover, type DiscoverOptions } from '../discover';
import { metricNameCases } from './metricNames';
import { recordingApi, type Recording } from './recording';

const testdata = join(__dirname, '..', '..', '..', 'testdata');
const dir = join(testdata, 'discovery');
const check = process.argv.includes('--check');
const problems: string[] = [];

function write(path: string, value: unknown) {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (check) {
    let old = '';
    try {
      old = readFileSync(path, 'utf8');
    } catch {
      // compared below as missing
    }
    if (old !== text) {
      problems.push(`${path} is not what the recorder writes now`);
    }
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
  const { api, requests } = recordingApi(prometheusClient(url, {}, 30_000));
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
  return name;
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
  const written = [
    await record('default', 'default', url, at, { serviceLabel: 'service' }),
    await record('default-recognised', 'default', url, at, {}),
    await record('default-wrong-service-label', 'default', url, at, { serviceLabel: 'job' }),
    await record('default-own-base', 'default', url, at, { base: ownBase() }),
  ];
  if (presets) {
    const servers = JSON.parse(presets) as Record<string, string>;
    const presetAt = evalTime('presets/expected.json');
    for (const [id, presetUrl] of Object.entries(servers).sort(([a], [b]) => a.localeCompare(b))) {
      written.push(await record(`preset-${id}`, id, presetUrl, presetAt, {}));
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
