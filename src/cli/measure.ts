import {
  escapeForString,
  interpolate,
  baselineOverhead,
  formatDuration,
  parseDuration,
  periodWindow,
  shareOverhead,
  type Profile,
  type Series,
} from '../scoring';
import { UsageError } from './errors';
import { PrometheusQueryError, type PrometheusClient, type Sample } from './prometheus';
import type { Measurements } from './report';

/** The values of Grafana's template variables for the CLI's queries. */
export interface Variables {
  /** Regex of the services (`$service`); `.*` for all. */
  service: string;
  /** `$__rate_interval`, e.g. "5m". */
  rateInterval: string;
  /** `$__range`, e.g. "1h". */
  range: string;
}

export function queryVariables(v: Variables, extra: Record<string, string> = {}): Record<string, string> {
  return {
    service: escapeForString(v.service),
    domain: '.*',
    __rate_interval: v.rateInterval,
    __interval: v.rateInterval,
    __range: v.range,
    ...extra,
  };
}

/** Runs a query named by its profile field, turning a refusal into a message that names the field. */
export async function named<T>(field: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PrometheusQueryError) {
      throw new UsageError(`Prometheus could not run ${field}: ${e.message}`);
    }
    throw e;
  }
}

/** Series a query returned without the service label (or with it empty): left out, and reported once. */
export interface Unlabelled {
  field: string;
  label: string;
  series: number;
}

/** The warning for series without the service label; the backend's frame notice says the same. */
export function unlabelledMessage(u: Unlabelled): string {
  return `${u.field}: ${u.series} series ${u.series === 1 ? 'has' : 'have'} no "${u.label}" label and ${u.series === 1 ? 'is' : 'are'} left out; aggregate by (${u.label}) or set the profile's serviceLabel`;
}

/**
 * Keys an instant result by the service label (and domain): one value per key, several series are an error.
 * Series without the service label are no service called "": they are counted in `unlabelled`.
 */
function byKey(samples: Sample[], field: string, labels: string[], unlabelled: Unlabelled[]): Map<string, number> {
  const out = new Map<string, number>();
  let missing = 0;
  for (const s of samples) {
    if (!s.labels[labels[0]]) {
      missing++;
      continue;
    }
    const key = labels.map((l) => s.labels[l] ?? '').join('\u0000');
    if (out.has(key)) {
      throw new UsageError(
        `${field} returns several series for ${labels.map((l) => `${l}="${s.labels[l] ?? ''}"`).join(', ')}; aggregate it with sum by (${labels.join(', ')}) or avg by (${labels.join(', ')})`
      );
    }
    out.set(key, s.value);
  }
  if (missing > 0 && !unlabelled.some((u) => u.field === field)) {
    unlabelled.push({ field, label: labels[0], series: missing });
  }
  return out;
}

/** What `measure` found: the inputs per service, and the series left out for want of the service label. */
export interface Measured {
  services: Map<string, Measurements>;
  unlabelled: Unlabelled[];
}

/** Measures every indicator, domain and SLA input per service (profile.serviceLabel) at time `at` (ms). */
export async function measure(client: PrometheusClient, profile: Profile, v: Variables, at: number): Promise<Measured> {
  const services = new Map<string, Measurements>();
  const unlabelled: Unlabelled[] = [];
  const label = profile.serviceLabel;
  const byService = (samples: Sample[], field: string, labels = [label]) => byKey(samples, field, labels, unlabelled);
  const get = (service: string) => {
    if (!services.has(service)) {
      services.set(service, { indicators: {}, domains: {}, errorRatios: {} });
    }
    return services.get(service)!;
  };
  const vars = queryVariables(v);
  const instant = (field: string, query: string, extra: Record<string, string> = {}, time = at) =>
    named(field, () => client.instant(interpolate(query, { ...vars, ...extra }), time));

  const indicatorRuns = profile.indicators.map(async (ind, i) => {
    if (!ind.enabled) {
      return;
    }
    const field = `indicators[${i}].query (${ind.id})`;
    for (const [service, value] of byService(await instant(field, ind.query), field)) {
      get(service).indicators[ind.id] = value;
    }
  });

  const d = profile.domains;
  const domainRun = (async () => {
    const domainKeys = [label, 'domain'];
    if (d.mode === 'share') {
      const [parts, totals] = await Promise.all([
        instant('domains.domainTimeQuery', d.domainTimeQuery),
        instant('domains.totalTimeQuery', d.totalTimeQuery),
      ]);
      const total = byService(totals, 'domains.totalTimeQuery');
      for (const [key, time] of byService(parts, 'domains.domainTimeQuery', domainKeys)) {
        const [service, domain] = key.split('\u0000');
        get(service).domains[domain] = shareOverhead(time, total.get(service));
      }
    } else {
      const then = at - parseDuration(d.baselineOffset)!;
      const [now, before] = await Promise.all([
        instant('domains.domainLatencyQuery', d.domainLatencyQuery),
        instant('domains.domainLatencyQuery', d.domainLatencyQuery, {}, then),
      ]);
      const baseline = byService(before, 'domains.domainLatencyQuery', domainKeys);
      for (const [key, latency] of byService(now, 'domains.domainLatencyQuery', domainKeys)) {
        const [service, domain] = key.split('\u0000');
        get(service).domains[domain] = baselineOverhead(latency, baseline.get(key));
      }
    }
  })();

  const sla = profile.sla;
  // At the first instant of a calendar month nothing has elapsed: the period has no data yet.
  const periodMs = periodWindow(sla.period, at);
  const period = formatDuration(periodMs);
  const windows = new Set<string>();
  for (const tier of sla.burnRateTiers.filter((t) => t.enabled)) {
    windows.add(tier.longWindow).add(tier.shortWindow);
  }
  sla.budgetPolicy.windows.forEach((w) => windows.add(w));
  const ratioRuns = [...windows, ...(periodMs > 0 ? ['period'] : [])].map(async (w) => {
    const window = w === 'period' ? period : w;
    const results = await instant('sla.errorRatioQuery', sla.errorRatioQuery, { window });
    for (const [service, ratio] of byService(results, `sla.errorRatioQuery (window ${window})`)) {
      get(service).errorRatios[w] = ratio;
    }
  });
  const complianceRun = (async () => {
    if (periodMs === 0) {
      return;
    }
    const extra = { window: period, latencyThreshold: String(sla.latencyThreshold) };
    for (const [service, fraction] of byService(
      await instant('sla.latencyComplianceQuery', sla.latencyComplianceQuery, extra),
      'sla.latencyComplianceQuery'
    )) {
      get(service).latencyCompliance = fraction;
    }
  })();

  await Promise.all([...indicatorRuns, domainRun, ...ratioRuns, complianceRun]);
  for (const m of services.values()) {
    m.latencyCompliance ??= null;
  }
  return { services, unlabelled };
}

/** Every enabled indicator's series per service over [start, end] at `step` (ms). */
export async function measureRange(
  client: PrometheusClient,
  profile: Profile,
  v: Variables,
  start: number,
  end: number,
  step: number
): Promise<Map<string, Record<string, Series>>> {
  const services = new Map<string, Record<string, Series>>();
  const vars = queryVariables(v, { __interval: formatDuration(step) });
  await Promise.all(
    profile.indicators.map(async (ind, i) => {
      if (!ind.enabled) {
        return;
      }
      const field = `indicators[${i}].query (${ind.id})`;
      const result = await named(field, () => client.range(interpolate(ind.query, vars), start, end, step));
      const label = profile.serviceLabel;
      for (const series of result) {
        const service = series.labels[label];
        if (!service) {
          continue; // no service called "": measure() has reported these series at the evaluation time
        }
        const inputs = services.get(service) ?? {};
        if (inputs[ind.id]) {
          throw new UsageError(
            `${field} returns several series for ${label}="${service}"; aggregate it with sum by (${label}) or avg by (${label})`
          );
        }
        inputs[ind.id] = series;
        services.set(service, inputs);
      }
    })
  );
  return services;
}
