import { atOrWorse } from './bands';
import { gate } from './gate';
import { monthlyCompliance, type MonthCompliance } from './calendar';
import { formatDuration, parseDuration } from './duration';
import { breachIntervals, inBreach, type BreachInterval } from './mttr';
import {
  alignSeries,
  compileIndicators,
  gridOf,
  MAX_POINTS,
  scoreSeries,
  type Grid,
  type IndicatorInput,
  type Series,
} from './series';
import { slaReport, type ErrorRatios } from './sla';
import { subScore } from './subscore';
import type { Profile, Severity } from './types';

// Back-testing a profile: replay its alert rules over a range of history on a grid of steps. A rule "fires"
// once per episode (a run of consecutive steps in breach, as breachIntervals finds them) that lasts at least the
// rule's `for`; an episode's time is its whole length (last - first + step), pending period included. An
// episode shorter than a step can fall between two steps and go unseen: the step bounds what the back-test sees.

/** What an alert rule watches, as src/alerting's catalogue builds it from the profile. */
export type BacktestWatch =
  | { kind: 'score' }
  | { kind: 'indicator'; indicator: string }
  | { kind: 'tier'; tier: string }
  /** The gate of `perfscope check`: the score below minScore, a key indicator critical or without data. */
  | { kind: 'gate'; minScore: number; allowMissing: boolean };

/** One alert rule to replay: the score or an indicator in `severity`'s band or worse, or a burn-rate tier firing. */
export interface BacktestRule {
  uid: string;
  name: string;
  severity: Severity;
  /** The rule's pending period ("0s", "5m"). */
  for: string;
  watch: BacktestWatch;
}

/** One service's history on the grid. */
export interface BacktestSeries {
  grid: Grid;
  /** Each enabled indicator's samples (measureRange's series, or columns on the grid). */
  indicators: Record<string, IndicatorInput | undefined>;
  /** The error ratio (0..1) per window ("5m", "1h", ...) at each grid point; NaN where there is none. */
  errorRatios: Record<string, ArrayLike<number>>;
  /** The window of errorRatios each step's share of monthly compliance is read from (the rate interval). */
  complianceWindow: string;
}

export interface RuleHistory extends BacktestRule {
  /** Episodes that lasted at least `for`, oldest first (the last one may still be going at the range's end). */
  episodes: BreachInterval[];
  /** How many times the rule would have fired. */
  fired: number;
  /** Total length of those episodes, ms. */
  totalMs: number;
  /** The longest of them, ms; 0 when it never fired. */
  longestMs: number;
  /** The last episode is still going at the range's end. */
  open: boolean;
}

export interface BacktestResult {
  timestamps: Float64Array;
  /** The health score at each step; NaN without data. */
  score: Float64Array;
  lowestScore: number | null;
  meanScore: number | null;
  /** Steps with a score, of all steps. */
  scoredSteps: number;
  months: MonthCompliance[];
  rules: RuleHistory[];
}

/** Each rule's breach at every grid point, as the library judges it (never a comparison restated here). */
function breachColumn(
  rule: BacktestRule,
  profile: Profile,
  series: BacktestSeries,
  columns: Record<string, Float64Array>,
  score: Float64Array,
  tiersFiring: () => Map<string, boolean[]>
): boolean[] {
  const n = series.grid.length;
  const w = rule.watch;
  if (w.kind === 'score') {
    return Array.from(score, (s) => atOrWorse(s, rule.severity));
  }
  if (w.kind === 'gate') {
    const keys = profile.indicators.filter((i) => i.enabled && i.key).map((i) => i.id);
    return Array.from(score, (s, k) => {
      const subScores = keys.map((id) => ({ id, subScore: subScoreAt(profile, columns, id, k) }));
      return gate({ score: Number.isNaN(s) ? null : s, keys: subScores }, w).fails;
    });
  }
  if (w.kind === 'indicator') {
    const ind = profile.indicators.find((i) => i.id === w.indicator && i.enabled);
    const col = columns[w.indicator];
    return Array.from({ length: n }, (_, k) =>
      ind && col ? inBreach(Number.isNaN(col[k]) ? null : col[k], ind, ind.direction, rule.severity) : false
    );
  }
  return tiersFiring().get(w.tier) ?? new Array(n).fill(false);
}

/** An indicator's sub-score at grid point k; null without data. */
function subScoreAt(profile: Profile, columns: Record<string, Float64Array>, id: string, k: number): number | null {
  const ind = profile.indicators.find((i) => i.id === id)!;
  const v = columns[id]?.[k];
  return v === undefined || Number.isNaN(v) ? null : subScore(v, ind, ind.direction);
}

/** Each enabled tier's firing at every grid point, from one slaReport per point (the library's tier rule). */
function tierColumns(profile: Profile, series: BacktestSeries): Map<string, boolean[]> {
  const n = series.grid.length;
  const tiers = profile.sla.burnRateTiers.filter((t) => t.enabled);
  const out = new Map(tiers.map((t) => [t.name, new Array<boolean>(n).fill(false)]));
  const windows = [...new Set(tiers.flatMap((t) => [t.longWindow, t.shortWindow]))];
  for (let k = 0; k < n; k++) {
    const ratios: ErrorRatios = {};
    for (const window of windows) {
      const v = series.errorRatios[window]?.[k];
      ratios[window] = v === undefined || Number.isNaN(v) ? null : v;
    }
    for (const state of slaReport(profile.sla, ratios, series.grid.start + k * series.grid.step).tiers) {
      out.get(state.name)![k] = state.firing;
    }
  }
  return out;
}

/** The history of one rule's breaches: its episodes that last at least its `for`. */
function ruleHistory(rule: BacktestRule, timestamps: Float64Array, breach: boolean[], step: number): RuleHistory {
  const pending = parseDuration(rule.for) ?? 0;
  const { resolved, open } = breachIntervals(timestamps, breach, step);
  const episodes = [...resolved, ...(open ? [open] : [])].filter((e) => e.length >= pending);
  return {
    ...rule,
    episodes,
    fired: episodes.length,
    totalMs: episodes.reduce((sum, e) => sum + e.length, 0),
    longestMs: episodes.reduce((max, e) => Math.max(max, e.length), 0),
    open: open !== null && episodes[episodes.length - 1] === open,
  };
}

/** Replays `rules` of `profile` over one service's history: the score over time, months' compliance, each rule's firing. */
export function backtest(profile: Profile, rules: BacktestRule[], series: BacktestSeries): BacktestResult {
  const { grid } = series;
  const columns: Record<string, Float64Array> = {};
  for (const [id, input] of Object.entries(series.indicators)) {
    if (input !== undefined) {
      columns[id] = 'timestamps' in input ? alignSeries(input, grid) : Float64Array.from(input);
    }
  }
  const { score, timestamps } = scoreSeries(compileIndicators(profile), grid, columns);
  let tiers: Map<string, boolean[]> | undefined;
  const tiersFiring = () => (tiers ??= tierColumns(profile, series));
  const scores = Array.from(score).filter((s) => !Number.isNaN(s));
  const ratio = series.errorRatios[series.complianceWindow];
  // Each step with an error ratio weighs the same in its month (requests 1, errors the ratio).
  const requests = Float64Array.from({ length: grid.length }, (_, k) => (ratio && !Number.isNaN(ratio[k]) ? 1 : NaN));
  const errors = Float64Array.from({ length: grid.length }, (_, k) => (ratio ? ratio[k] : NaN));
  return {
    timestamps,
    score,
    lowestScore: scores.length === 0 ? null : scores.reduce((a, b) => Math.min(a, b)),
    meanScore: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    scoredSteps: scores.length,
    months: ratio ? monthlyCompliance(errors, requests, grid, profile.sla) : [],
    rules: rules.map((rule) =>
      ruleHistory(rule, timestamps, breachColumn(rule, profile, series, columns, score, tiersFiring), grid.step)
    ),
  };
}

/** The windows whose error ratios a back-test of these rules needs: each tier's two, and the compliance window. */
export function backtestWindows(profile: Profile, rules: BacktestRule[], complianceWindow: string): string[] {
  const out = new Set<string>([complianceWindow]);
  for (const rule of rules) {
    const w = rule.watch;
    const tier = w.kind === 'tier' ? profile.sla.burnRateTiers.find((t) => t.name === w.tier) : undefined;
    if (tier) {
      out.add(tier.longWindow).add(tier.shortWindow);
    }
  }
  return [...out];
}

/**
 * A range split into grids of at most `maxPoints` steps each (Prometheus' limit of points a series), in order:
 * together they hold every step of gridOf(start, end, step) once.
 */
export function rangeChunks(start: number, end: number, step: number, maxPoints = MAX_POINTS): Grid[] {
  const whole = gridOf(start, end, step);
  const out: Grid[] = [];
  for (let k = 0; k < whole.length; k += maxPoints) {
    out.push({ start: start + k * step, step, length: Math.min(maxPoints, whole.length - k) });
  }
  return out;
}

/**
 * Runs `fetch` on each chunk of the range in turn (one query's points never past the limit), reporting after each
 * chunk the share done (0..1); returns the answers in chunk order.
 */
export async function inChunks<T>(
  chunks: Grid[],
  fetch: (chunk: Grid) => Promise<T>,
  progress: (done: number) => void = () => {}
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < chunks.length; i++) {
    out.push(await fetch(chunks[i]));
    progress((i + 1) / chunks.length);
  }
  return out;
}

/** Series of consecutive chunks joined into one (the chunks do not overlap). */
export function joinSeries(parts: Array<Series | undefined>): Series | undefined {
  const present = parts.filter((p): p is Series => p !== undefined);
  if (present.length === 0) {
    return undefined;
  }
  const timestamps: number[] = [];
  const values: number[] = [];
  for (const p of present) {
    for (let i = 0; i < p.timestamps.length; i++) {
      timestamps.push(p.timestamps[i]);
      values.push(p.values[i]);
    }
  }
  return { timestamps, values };
}

/** A series' values on the grid (NaN where it has none). */
export const onBacktestGrid = (series: Series | undefined, grid: Grid): Float64Array =>
  series ? alignSeries(series, grid) : new Float64Array(grid.length).fill(NaN);

// Steps Grafana's interval rounding keeps as they are, so a query sent through Grafana with this step and
// range / step points is answered at this step.
const ROUND_STEPS = ['1m', '2m', '5m', '10m', '15m', '20m', '30m', '1h', '2h', '3h', '6h', '12h', '1d'].map((d) =>
  parseDuration(d)!
);

/**
 * The default step of a back-test: the first round step (1m, 2m, 5m, 10m, 15m, 20m, 30m, 1h, ... 1d) that judges
 * the range in at most 2,880 steps (15 minutes over 30 days, 5 over 7 days, 1 hour over 90 days); past a day,
 * the range / 2880 in whole seconds.
 */
export const defaultBacktestStep = (range: number): number =>
  ROUND_STEPS.find((step) => range / step <= 2880) ?? Math.ceil(range / 2880 / 1e3) * 1e3;

/**
 * The default rate interval of a back-test: twice the step (at least 5m), so each window holds two of the
 * step's samples and a rate reads every step's traffic.
 */
export const defaultBacktestRateInterval = (step: number): string => formatDuration(Math.max(300e3, 2 * step));

/** One rule over every service: how many times it fired, for how long in total, and its longest episode. */
export interface RuleTotal {
  rule: BacktestRule;
  fired: number;
  totalMs: number;
  longestMs: number;
}

/** Each rule's firing summed over the services' results, in the rules' order. */
export function ruleTotals(rules: BacktestRule[], results: Iterable<BacktestResult>): RuleTotal[] {
  const totals = rules.map((rule) => ({ rule, fired: 0, totalMs: 0, longestMs: 0 }));
  for (const result of results) {
    for (const h of result.rules) {
      const t = totals.find((x) => x.rule.uid === h.uid);
      if (t) {
        t.fired += h.fired;
        t.totalMs += h.totalMs;
        t.longestMs = Math.max(t.longestMs, h.longestMs);
      }
    }
  }
  return totals;
}
