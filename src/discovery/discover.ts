import { defaultProfile, interpolate, type Indicator, type Profile } from '../scoring';
import type { HttpPreset, ResourcePreset } from '../scoring/presets/presetCatalogue';
import { applyPresets, presets } from '../scoring/presets/profile';
import { resourceQueries, thresholdFit, type BoundSpellings, type ThresholdFit } from '../scoring/presets/queries';
import { countOf, instantQuery, labelNames, labelValues, type PrometheusApi } from './api';
import { explainFor, SERVICE_LABELS } from './explain';

export interface DiscoverOptions {
  /** The time to look at (ms). */
  at: number;
  /** Use this service label instead of recognising one. */
  serviceLabel?: string;
  /** The profile whose thresholds, weights and SLA the discovered queries go into (default: the default one). */
  base?: Profile;
  /** How far back label look-ups reach (ms); default one hour. */
  lookback?: number;
}

/** Whether a preset fits the server, and why not. */
export interface Candidate {
  preset: string;
  fits: boolean;
  why: string;
}

/** One indicator of one service: its value now, or why it has none. */
export interface Covered {
  value: number | null;
  reason?: string;
}

export interface Discovery {
  /** The profile to review, or null when nothing PerfScope can score was found (then nothing is written). */
  profile: Profile | null;
  http: string | null;
  resources: string | null;
  serviceLabel: string | null;
  /** Every service the HTTP metric names, sorted. */
  services: string[];
  /** Series of the HTTP metric without the service label (left out of every score). */
  unlabelledSeries: number;
  candidates: Candidate[];
  latency: (ThresholdFit & { unit: string; metric: string }) | null;
  /** Per service, per enabled indicator: the value found now, or why there is none. */
  coverage: Record<string, Record<string, Covered>>;
  /** Each enabled indicator's query field, for the report. */
  fields: Record<string, string>;
  notes: string[];
}

const NO_RESULT = (d: Partial<Discovery>): Discovery => ({
  profile: null,
  http: null,
  resources: null,
  serviceLabel: null,
  services: [],
  unlabelledSeries: 0,
  candidates: [],
  latency: null,
  coverage: {},
  fields: {},
  notes: [],
  ...d,
});

const httpPresets = () => presets.filter((p): p is HttpPreset => p.kind === 'http');
const resourcePresets = () => presets.filter((p): p is ResourcePreset => p.kind === 'resources');

/**
 * Recognises which presets fit a Prometheus-compatible server, which label names services, the latency
 * histogram's buckets and unit, and builds a profile from them; then measures every indicator of that profile
 * per service, so the report says what was found and, where nothing was, why. Bounded: about 20 requests
 * whatever the number of metrics, services or series on the server.
 */
export async function discover(api: PrometheusApi, options: DiscoverOptions): Promise<Discovery> {
  const { at } = options;
  const start = at - (options.lookback ?? 3600e3);
  const base = options.base ?? defaultProfile();
  const names = new Set(await labelValues(api, '__name__', '', start, at));
  const labelsOf = memo((metric: string) => labelNames(api, metric, start, at));

  const candidates: Candidate[] = [];
  let http: HttpPreset | undefined;
  for (const p of httpPresets()) {
    const why = await httpMismatch(p, names, labelsOf);
    candidates.push({
      preset: p.id,
      fits: why === null,
      why: why ?? `${p.duration.metric}_bucket with ${p.status.label}`,
    });
    http ??= why === null ? p : undefined;
  }
  if (!http) {
    return NO_RESULT({
      candidates,
      notes: ['no HTTP request histogram of a known preset was found: nothing to score'],
    });
  }
  const bucket = `${http.duration.metric}_bucket`;
  const carried = await labelsOf(bucket);
  const serviceLabel = options.serviceLabel ?? [http.serviceLabel, ...SERVICE_LABELS].find((l) => carried.includes(l));
  if (!serviceLabel || !carried.includes(serviceLabel)) {
    const shown = carried.filter((l) => l !== '__name__').join(', ');
    const why = options.serviceLabel
      ? `no series of ${bucket} carries the service label asked for, "${options.serviceLabel}"; they carry ${shown}`
      : `no label of ${bucket} names services (looked for ${[http.serviceLabel, ...SERVICE_LABELS].join(', ')}); they carry ${shown}: choose one as the service label (Settings: Service label; CLI: discover --service-label)`;
    return NO_RESULT({ candidates, http: http.id, notes: [why] });
  }

  const [services, leValues, unlabelledSeries] = await Promise.all([
    labelValues(api, serviceLabel, bucket, start, at),
    labelValues(api, 'le', bucket, start, at),
    countOf(api, `count(${bucket}{${serviceLabel}=""})`, at),
  ]);
  const spellings: BoundSpellings = new Map();
  for (const text of leValues) {
    const bound = Number(text);
    if (Number.isFinite(bound)) {
      spellings.set(bound, text);
    }
  }
  const buckets = [...spellings.keys()].sort((a, b) => a - b);
  const notes: string[] = [];
  const latency = {
    ...thresholdFit(http, serviceLabel, base.sla.latencyThreshold, buckets, spellings),
    unit: http.duration.unit,
    metric: http.duration.metric,
  };

  const ownResources = await coveredBy(api, base.indicators.find((i) => i.id === 'cpu')?.query, serviceLabel, at);
  const resources = ownResources > 0 ? undefined : await chooseResources(api, names, serviceLabel, at, candidates);
  if (ownResources > 0) {
    candidates.push({
      preset: 'profile',
      fits: true,
      why: `the base profile's own CPU query covers ${ownResources} services`,
    });
  }
  const profile = applyPresets({ serviceLabel, http, resources, buckets, spellings }, base);
  if (!resources && ownResources === 0) {
    notes.push('no CPU and memory metrics of a known preset cover these services: cpu and memory are disabled');
    profile.indicators = profile.indicators.map((ind) =>
      ind.id === 'cpu' || ind.id === 'memory' ? { ...ind, enabled: false } : ind
    );
  }
  if (!names.has('domain_duration_seconds_sum')) {
    notes.push(
      "no domain_duration_seconds (PerfScope's own domain instrumentation, docs/metrics.md): domain overhead will have no data"
    );
  }
  notes.push(`about ${http.id}${resources ? ` and ${resources.id}` : ''}: docs/presets.md`);

  const enabled = profile.indicators.filter((i) => i.enabled);
  const coverage = await measureCoverage(api, profile, enabled, services, at);
  const fields = Object.fromEntries(enabled.map((i) => [i.id, `indicators[${profile.indicators.indexOf(i)}].query`]));
  return {
    profile,
    http: http.id,
    resources: resources?.id ?? null,
    serviceLabel,
    services,
    unlabelledSeries,
    candidates,
    latency,
    coverage,
    fields,
    notes,
  };
}

/** Why an HTTP preset does not fit the server, or null when it does. */
async function httpMismatch(
  p: HttpPreset,
  names: Set<string>,
  labelsOf: (metric: string) => Promise<string[]>
): Promise<string | null> {
  const bucket = `${p.duration.metric}_bucket`;
  if (!names.has(bucket)) {
    return names.has(`${p.duration.metric}_count`)
      ? `${p.duration.metric} has no buckets (_bucket series): its histogram is not enabled`
      : `no ${bucket}`;
  }
  if (p.requests && !names.has(p.requests.metric)) {
    return `no ${p.requests.metric}`;
  }
  const statusOn = p.status.on === 'requests' && p.requests ? p.requests.metric : bucket;
  if (!(await labelsOf(statusOn)).includes(p.status.label)) {
    return `${statusOn} has no ${p.status.label} label`;
  }
  return null;
}

/** The resource preset whose CPU query covers the most services (none when it covers none). */
async function chooseResources(
  api: PrometheusApi,
  names: Set<string>,
  label: string,
  at: number,
  candidates: Candidate[]
): Promise<ResourcePreset | undefined> {
  let best: { preset: ResourcePreset; covered: number } | undefined;
  for (const p of resourcePresets()) {
    const absent = p.metrics.filter((m) => !names.has(m));
    if (absent.length > 0) {
      candidates.push({ preset: p.id, fits: false, why: `no ${absent.join(', ')}` });
      continue;
    }
    const covered = await coveredBy(api, resourceQueries(p, label).cpu, label, at);
    candidates.push({
      preset: p.id,
      fits: covered > 0,
      why: covered > 0 ? `CPU for ${covered} services` : `its CPU query finds no service by ${label}`,
    });
    if (covered > (best?.covered ?? 0)) {
      best = { preset: p, covered };
    }
  }
  return best?.preset;
}

/** How many services (by `label`) a query has a value for now. */
async function coveredBy(api: PrometheusApi, query: string | undefined, label: string, at: number): Promise<number> {
  if (!query) {
    return 0;
  }
  const samples = await instantQuery(api, interpolate(query, VARIABLES), at);
  return new Set(samples.filter((s) => s.labels[label] && Number.isFinite(s.value)).map((s) => s.labels[label])).size;
}

/** The variables discovery measures with: every service and domain, 5m rates, one-hour SLA windows. */
const VARIABLES: Record<string, string> = {
  service: '.*',
  domain: '.*',
  __rate_interval: '5m',
  __interval: '5m',
  __range: '1h',
  window: '1h',
};

/** Every enabled indicator's value per service now; where one has none, why (one explanation per indicator). */
async function measureCoverage(
  api: PrometheusApi,
  profile: Profile,
  enabled: Indicator[],
  services: string[],
  at: number
): Promise<Record<string, Record<string, Covered>>> {
  const coverage: Record<string, Record<string, Covered>> = Object.fromEntries(services.map((s) => [s, {}]));
  const vars = { ...VARIABLES, latencyThreshold: String(profile.sla.latencyThreshold) };
  await Promise.all(
    enabled.map(async (ind) => {
      const values = new Map<string, number>();
      for (const s of await instantQuery(api, interpolate(ind.query, vars), at)) {
        const name = s.labels[profile.serviceLabel];
        if (name && Number.isFinite(s.value)) {
          values.set(name, s.value);
        }
      }
      const lacking = services.filter((s) => !values.has(s));
      const reason =
        lacking.length === 0 ? undefined : await explainFor(api, ind.query, profile.serviceLabel, lacking, at);
      for (const s of services) {
        coverage[s][ind.id] = values.has(s) ? { value: values.get(s)! } : { value: null, reason };
      }
    })
  );
  return coverage;
}

function memo<T>(f: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    if (!seen.has(key)) {
      seen.set(key, f(key));
    }
    return seen.get(key)!;
  };
}
