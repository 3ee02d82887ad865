import { useCallback, useEffect, useRef, useState } from 'react';

import { backtestRules } from '../../alerting/backtest';
import {
  backtest,
  backtestWindows,
  defaultBacktestRateInterval,
  defaultBacktestStep,
  gridOf,
  inChunks,
  interpolate,
  joinSeries,
  onBacktestGrid,
  rangeChunks,
  ruleTotals,
  formatDuration,
  type BacktestResult,
  type Grid,
  type Profile,
  type RuleTotal,
  type Series,
} from '../../scoring';
import { numericSeries } from '../../scoring/frames';
import { runQueries, type ProfileQueries } from '../shared/queries';

/** One profile back-tested over every service: each rule's firing summed over them, and each service's result. */
export interface BacktestSide {
  totals: RuleTotal[];
  services: Map<string, BacktestResult>;
  /** Queries that failed, with their messages. */
  errors: string[];
}

export interface BacktestRun {
  range: string;
  steps: number;
  step: string;
  draft: BacktestSide;
  saved: BacktestSide;
}

export type BacktestState =
  { running: true; done: number } | { running: false; result: BacktestRun } | { running: false; failed: string } | null;

const WINDOW = 'window:';
/** About half a second of replay (some 12 ms a service over 30 days at 15 minutes) between two pauses. */
const SERVICES_BETWEEN_PAUSES = 40;

/** The queries of one chunk: every enabled indicator (refId its id) and each window's error ratio. */
function historyQueries(profile: Profile, windows: string[], step: number, rateInterval: string): ProfileQueries {
  const vars = { service: '.*', domain: '.*', __rate_interval: rateInterval, __interval: formatDuration(step) };
  const out: ProfileQueries = {};
  for (const ind of profile.indicators.filter((i) => i.enabled)) {
    out[ind.id] = interpolate(ind.query, vars);
  }
  for (const w of windows) {
    out[WINDOW + w] = interpolate(profile.sla.errorRatioQuery, { ...vars, window: w });
  }
  return out;
}

/**
 * Back-tests one profile on the Prometheus datasource over the chunks of the grid (each within Prometheus'
 * points limit) in turn, `progress` hearing the share done after each.
 */
export async function backtestOn(
  profile: Profile,
  datasource: string,
  grid: Grid,
  progress: (done: number) => void,
  signal?: AbortSignal
): Promise<BacktestSide> {
  const { rules } = backtestRules(profile);
  const rateInterval = defaultBacktestRateInterval(grid.step);
  const windows = backtestWindows(profile, rules, rateInterval);
  const queries = historyQueries(profile, windows, grid.step, rateInterval);
  const end = grid.start + (grid.length - 1) * grid.step;
  const parts = await inChunks(
    rangeChunks(grid.start, end, grid.step),
    async (chunk) => {
      const to = chunk.start + (chunk.length - 1) * chunk.step;
      const r = await runQueries(datasource, queries, {
        lastMs: Math.max(to - chunk.start, chunk.step),
        stepMs: chunk.step,
        toMs: to,
        signal,
      });
      return { series: numericSeries(r.frames, to), errors: r.errors.map((e) => `${e.refId}: ${e.message}`) };
    },
    progress
  );
  const byService = new Map<string, Map<string, Array<Series | undefined>>>();
  parts.forEach((part, i) => {
    for (const s of part.series) {
      const service = s.labels[profile.serviceLabel];
      if (!service) {
        continue;
      }
      const refs = byService.get(service) ?? new Map<string, Array<Series | undefined>>();
      const list = refs.get(s.refId) ?? new Array(parts.length).fill(undefined);
      list[i] = s;
      refs.set(s.refId, list);
      byService.set(service, refs);
    }
  });
  const services = new Map<string, BacktestResult>();
  for (const [i, service] of [...byService.keys()].sort().entries()) {
    if (i > 0 && i % SERVICES_BETWEEN_PAUSES === 0) {
      // A month of a large fleet takes seconds to replay: let the page draw and take clicks meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
    }
    const refs = byService.get(service)!;
    const indicators: Record<string, Series | undefined> = {};
    const errorRatios: Record<string, Float64Array> = {};
    for (const [refId, list] of refs) {
      if (refId.startsWith(WINDOW)) {
        errorRatios[refId.slice(WINDOW.length)] = onBacktestGrid(joinSeries(list), grid);
      } else {
        indicators[refId] = joinSeries(list);
      }
    }
    services.set(service, backtest(profile, rules, { grid, indicators, errorRatios, complianceWindow: rateInterval }));
  }
  return {
    totals: ruleTotals(rules, services.values()),
    services,
    errors: [...new Set(parts.flatMap((p) => p.errors))],
  };
}

/**
 * The back-test of the draft against the saved profile, run when asked: `run(rangeMs)` replaces a run under way;
 * the state carries the share done while it runs.
 */
export function useBacktest(draft: Profile | null, saved: Profile, datasource: string | null) {
  const [state, setState] = useState<BacktestState>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const run = useCallback(
    (rangeMs: number) => {
      if (!draft || !datasource) {
        return;
      }
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const step = defaultBacktestStep(rangeMs);
      const at = Math.floor(Date.now() / step) * step;
      const grid = gridOf(at - rangeMs, at, step);
      const live = (s: BacktestState) => !controller.signal.aborted && setState(s);
      live({ running: true, done: 0 });
      (async () => {
        const draftSide = await backtestOn(
          draft,
          datasource,
          grid,
          (d) => live({ running: true, done: d / 2 }),
          controller.signal
        );
        const savedSide = await backtestOn(
          saved,
          datasource,
          grid,
          (d) => live({ running: true, done: 0.5 + d / 2 }),
          controller.signal
        );
        live({
          running: false,
          result: {
            range: formatDuration(rangeMs),
            steps: grid.length,
            step: formatDuration(step),
            draft: draftSide,
            saved: savedSide,
          },
        });
      })().catch((e: Error) => live({ running: false, failed: e.message }));
    },
    [draft, saved, datasource]
  );
  return { state, run };
}
