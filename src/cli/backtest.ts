import {
  backtest,
  backtestWindows,
  inChunks,
  interpolate,
  joinSeries,
  onBacktestGrid,
  type BacktestResult,
  type BacktestRule,
  type Grid,
  type Profile,
  type Series,
} from '../scoring';
import { backtestRules } from '../alerting/backtest';
import { measureRange, named, queryVariables, type Variables } from './measure';
import type { PrometheusClient } from './prometheus';

/** One service's history under one profile, per chunk of the range. */
type History = Map<string, { indicators: Record<string, Series>; ratios: Record<string, Series> }>;

/** Each window's error ratio per service over one chunk. */
async function errorRatioRange(
  client: PrometheusClient,
  profile: Profile,
  v: Variables,
  window: string,
  chunk: Grid
): Promise<Map<string, Series>> {
  const query = interpolate(profile.sla.errorRatioQuery, { ...queryVariables(v), window });
  const end = chunk.start + (chunk.length - 1) * chunk.step;
  const field = `sla.errorRatioQuery (window ${window})`;
  const result = await named(field, () => client.range(query, chunk.start, end, chunk.step));
  return new Map(
    result.filter((s) => s.labels[profile.serviceLabel]).map((s) => [s.labels[profile.serviceLabel], s] as const)
  );
}

/** A profile's history over one chunk: every enabled indicator, and the error ratio of every window asked for. */
async function chunkHistory(
  client: PrometheusClient,
  profile: Profile,
  v: Variables,
  windows: string[],
  chunk: Grid
): Promise<History> {
  const end = chunk.start + (chunk.length - 1) * chunk.step;
  const [indicators, ...ratios] = await Promise.all([
    measureRange(client, profile, v, chunk.start, end, chunk.step),
    ...windows.map((w) => errorRatioRange(client, profile, v, w, chunk)),
  ]);
  const out: History = new Map();
  const get = (service: string) => {
    if (!out.has(service)) {
      out.set(service, { indicators: {}, ratios: {} });
    }
    return out.get(service)!;
  };
  for (const [service, series] of indicators) {
    get(service).indicators = series;
  }
  windows.forEach((w, i) => {
    for (const [service, series] of ratios[i]) {
      get(service).ratios[w] = series;
    }
  });
  return out;
}

/** A profile back-tested: its rules, those it cannot replay, and each service's result. */
export interface ProfileBacktest {
  rules: BacktestRule[];
  skipped: string[];
  services: Map<string, BacktestResult>;
}

/**
 * Back-tests a profile over the chunks of a range (each within Prometheus' points limit), fetched in turn;
 * `progress` hears the share done after each chunk.
 */
export async function backtestProfile(
  client: PrometheusClient,
  profile: Profile,
  v: Variables,
  grid: Grid,
  chunks: Grid[],
  progress: (done: number) => void,
  minScore: number
): Promise<ProfileBacktest> {
  const { rules, skipped } = backtestRules(profile, minScore);
  const windows = backtestWindows(profile, rules, v.rateInterval);
  const parts = await inChunks(chunks, (chunk) => chunkHistory(client, profile, v, windows, chunk), progress);
  const names = new Set(parts.flatMap((p) => [...p.keys()]));
  const services = new Map<string, BacktestResult>();
  for (const service of [...names].sort()) {
    const ids = new Set(parts.flatMap((p) => Object.keys(p.get(service)?.indicators ?? {})));
    const indicators = Object.fromEntries(
      [...ids].map((id) => [id, joinSeries(parts.map((p) => p.get(service)?.indicators[id]))])
    );
    const errorRatios = Object.fromEntries(
      windows.map((w) => [w, onBacktestGrid(joinSeries(parts.map((p) => p.get(service)?.ratios[w])), grid)])
    );
    services.set(
      service,
      backtest(profile, rules, { grid, indicators, errorRatios, complianceWindow: v.rateInterval })
    );
  }
  return { rules, skipped, services };
}
