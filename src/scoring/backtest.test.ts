/** @jest-environment node */
import {
  backtest,
  backtestWindows,
  defaultBacktestStep,
  inChunks,
  joinSeries,
  rangeChunks,
  ruleTotals,
  type BacktestRule,
} from './backtest';
import { defaultProfile } from './profile/defaults';
import { gridOf } from './series';
import type { Profile } from './types';

const MIN = 60e3;
const start = Date.UTC(2026, 0, 31, 22); // two hours before February: months split at k = 8
const grid = gridOf(start, start + 11 * 15 * MIN, 15 * MIN); // 12 steps of 15 minutes

/** The default profile scoring error_rate alone (critical above 1 %, warning above 0.5 %). */
function errorsOnly(): Profile {
  const p = defaultProfile();
  p.indicators = p.indicators.map((i) => ({ ...i, enabled: i.id === 'error_rate', key: false, weight: 1 }));
  return p;
}

const rule = (watch: BacktestRule['watch'], severity: BacktestRule['severity'], pending = '0s'): BacktestRule => ({
  uid: `uid-${severity}`,
  name: `Rule${severity}`,
  severity,
  for: pending,
  watch,
});
const fill = (v: number) => new Array(grid.length).fill(v);

describe('backtest', () => {
  const errorRate = [0.1, 2, 2, 0.1, 0.7, 0.1, 2, NaN, 2, 0.1, 0.7, 0.7];

  it("counts an indicator rule's episodes, their total and the longest, a gap ending one", () => {
    const r = backtest(errorsOnly(), [rule({ kind: 'indicator', indicator: 'error_rate' }, 'critical')], {
      grid,
      indicators: { error_rate: errorRate },
      errorRatios: {},
      complianceWindow: '30m',
    });
    const h = r.rules[0];
    expect(h.episodes.map((e) => (e.start - start) / (15 * MIN))).toEqual([1, 6, 8]);
    expect([h.fired, h.totalMs / MIN, h.longestMs / MIN, h.open]).toEqual([3, 60, 30, false]);
  });

  it("counts an episode once it lasts the rule's for, and the open one at the end", () => {
    const r = backtest(errorsOnly(), [rule({ kind: 'indicator', indicator: 'error_rate' }, 'warning', '30m')], {
      grid,
      indicators: { error_rate: errorRate },
      errorRatios: {},
      complianceWindow: '30m',
    });
    const h = r.rules[0];
    // In warning or worse: [1,2], [4], [6], [8], [10,11]; only the 30-minute ones count.
    expect(h.episodes.map((e) => (e.start - start) / (15 * MIN))).toEqual([1, 10]);
    expect([h.fired, h.totalMs / MIN, h.open]).toEqual([2, 60, true]);
  });

  it('replays the score rule on the score over time, lowest and mean', () => {
    const r = backtest(errorsOnly(), [rule({ kind: 'score' }, 'critical')], {
      grid,
      indicators: { error_rate: errorRate },
      errorRatios: {},
      complianceWindow: '30m',
    });
    expect(r.scoredSteps).toBe(11);
    expect(r.lowestScore).toBeLessThan(50);
    expect(r.rules[0].fired).toBe(3);
    expect(r.meanScore).toBeCloseTo(
      Array.from(r.score)
        .filter((s) => !Number.isNaN(s))
        .reduce((a, b) => a + b) / 11,
      9
    );
  });

  it('fires a burn tier only while both windows burn faster than its factor', () => {
    const p = defaultProfile(); // fast-burn: 14.4x over 1h and 5m of a 99.9 % budget
    const long = fill(0.015);
    const short = [0.02, 0.02, 0.01, 0.02, 0.02, 0.02, NaN, 0.02, 0.0144, 0.02, 0.02, 0.02];
    const r = backtest(p, [rule({ kind: 'tier', tier: 'fast-burn' }, 'critical')], {
      grid,
      indicators: {},
      errorRatios: { '1h': long, '5m': short, '30m': fill(0.001) },
      complianceWindow: '30m',
    });
    const h = r.rules[0];
    expect(h.episodes.map((e) => (e.start - start) / (15 * MIN))).toEqual([0, 3, 7, 9]);
    expect([h.fired, h.totalMs / MIN, h.longestMs / MIN]).toEqual([4, 135, 45]);
  });

  it("gives each calendar month's compliance from the compliance window's error ratios", () => {
    const ratios = [...new Array(8).fill(0.002), ...new Array(4).fill(0.0005)];
    const r = backtest(errorsOnly(), [], {
      grid,
      indicators: {},
      errorRatios: { '30m': ratios },
      complianceWindow: '30m',
    });
    expect(r.months.map((m) => [m.month, m.compliant, m.partial])).toEqual([
      ['2026-01', false, true],
      ['2026-02', true, true],
    ]);
    expect(r.months[0].availability).toBeCloseTo(99.8, 9);
    expect(r.lowestScore).toBeNull();
  });

  it("names the windows its tiers need and the compliance window's", () => {
    const p = defaultProfile();
    expect(backtestWindows(p, [rule({ kind: 'tier', tier: 'slow-burn' }, 'critical')], '30m').sort()).toEqual([
      '30m',
      '6h',
    ]);
  });
});

describe('rangeChunks and inChunks', () => {
  it('split a range into chunks of at most the points limit, each step once, in order', () => {
    const chunks = rangeChunks(0, 30 * 86400e3, 60e3, 11_000);
    expect(chunks.map((c) => c.length)).toEqual([11_000, 11_000, 11_000, 10_201]);
    expect(chunks[1].start).toBe(11_000 * 60e3);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(gridOf(0, 30 * 86400e3, 60e3).length);
  });

  it('fetch the chunks one after the other and report progress', async () => {
    const seen: number[] = [];
    const progress: number[] = [];
    const out = await inChunks(
      rangeChunks(0, 9, 1, 4),
      async (c) => {
        seen.push(c.start);
        return c.length;
      },
      (p) => progress.push(p)
    );
    expect([seen, out, progress]).toEqual([
      [0, 4, 8],
      [4, 4, 2],
      [1 / 3, 2 / 3, 1],
    ]);
  });

  it('join the series of consecutive chunks', () => {
    expect(joinSeries([{ timestamps: [1, 2], values: [5, 6] }, undefined, { timestamps: [3], values: [7] }])).toEqual({
      timestamps: [1, 2, 3],
      values: [5, 6, 7],
    });
    expect(joinSeries([undefined])).toBeUndefined();
  });
});

describe('the check gate', () => {
  it('fails a step below the minimum score, with a key indicator critical, or without data', () => {
    const p = errorsOnly();
    p.indicators = p.indicators.map((i) => (i.id === 'error_rate' ? { ...i, key: true } : i));
    const r = backtest(p, [rule({ kind: 'gate', minScore: 70, allowMissing: false }, 'critical')], {
      grid,
      indicators: { error_rate: [0.1, 0.7, 0.1, 2, 0.1, NaN, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1] },
      errorRatios: {},
      complianceWindow: '30m',
    });
    // 0.7 % scores about 64 (below 70), 2 % is critical, a step without data fails unless missing data is allowed.
    expect(r.rules[0].episodes.map((e) => (e.start - start) / (15 * MIN))).toEqual([1, 3, 5]);
    const allowed = backtest(p, [rule({ kind: 'gate', minScore: 70, allowMissing: true }, 'critical')], {
      grid,
      indicators: { error_rate: [0.1, 0.7, 0.1, 2, 0.1, NaN, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1] },
      errorRatios: {},
      complianceWindow: '30m',
    });
    expect(allowed.rules[0].fired).toBe(2);
  });
});

describe('defaultBacktestStep', () => {
  it('takes the first round step that judges the range in at most 2,880 steps', () => {
    const day = 86400e3;
    expect([1, 7, 30, 90, 365 * 9].map((d) => defaultBacktestStep(d * day) / MIN)).toEqual([1, 5, 15, 60, 1642.5]);
  });
});

describe('ruleTotals', () => {
  it("sums each rule's firing over the services, keeping the longest episode", () => {
    const r = rule({ kind: 'indicator', indicator: 'error_rate' }, 'critical');
    const one = (values: number[]) =>
      backtest(errorsOnly(), [r], {
        grid,
        indicators: { error_rate: values },
        errorRatios: {},
        complianceWindow: '30m',
      });
    const [t] = ruleTotals([r], [one(fill(2)), one([2, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0])]);
    expect([t.fired, t.totalMs / MIN, t.longestMs / MIN]).toEqual([4, 180 + 45, 180]);
  });
});
