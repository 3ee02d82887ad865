/** @jest-environment node */
import fc from 'fast-check';

import { healthScore } from './composite';
import { compileIndicators, scoreSeries } from './series';
import { subScore } from './subscore';
import type { Direction, Indicator } from './types';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
// Strictly increasing thresholds with gaps large enough to divide by.
const lowerThresholds = fc
  .tuple(
    fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    fc.double({ min: 1e-3, max: 1e3, noNaN: true })
  )
  .map(([t, a, b]) => ({ target: t, warning: t + a, critical: t + a + b }));
const thresholdsFor = (direction: Direction) =>
  lowerThresholds.map((t) =>
    direction === 'lower' ? t : { target: -t.target, warning: -t.warning, critical: -t.critical }
  );
const direction = fc.constantFrom<Direction>('lower', 'higher');

const indicators = fc.array(
  fc.record({
    direction,
    t: lowerThresholds,
    weight: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })),
    key: fc.boolean(),
    v: fc.oneof(value, fc.constant(NaN), fc.constant(null)),
  }),
  { minLength: 1, maxLength: 8 }
);
const toProfile = (
  rows: Array<{
    direction: Direction;
    t: { target: number; warning: number; critical: number };
    weight: number;
    key: boolean;
  }>
) =>
  rows.map((r, i): Indicator => {
    const t = r.direction === 'lower' ? r.t : { target: -r.t.target, warning: -r.t.warning, critical: -r.t.critical };
    return {
      id: `i${i}`,
      name: '',
      unit: '',
      direction: r.direction,
      ...t,
      weight: r.weight,
      key: r.key,
      enabled: true,
      query: 'up',
    };
  });

describe('properties', () => {
  it('sub-scores lie in [0, 100] in both directions', () => {
    fc.assert(
      fc.property(
        direction.chain((d) => fc.tuple(fc.constant(d), thresholdsFor(d), value)),
        ([d, t, v]) => {
          const s = subScore(v, t, d)!;
          return s >= 0 && s <= 100;
        }
      )
    );
  });

  it('sub-scores never improve as the value gets worse', () => {
    fc.assert(
      fc.property(
        direction.chain((d) => fc.tuple(fc.constant(d), thresholdsFor(d), value, value)),
        ([d, t, a, b]) => {
          const [better, worse] = d === 'lower' ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
          return subScore(worse, t, d)! <= subScore(better, t, d)!;
        }
      )
    );
  });

  it('the composite lies in [0, 100] and capping never raises it', () => {
    fc.assert(
      fc.property(indicators, (rows) => {
        const profile = toProfile(rows);
        const values = Object.fromEntries(rows.map((r, i) => [`i${i}`, r.v]));
        const capped = healthScore({ aggregation: 'weighted', indicators: profile }, values);
        const uncapped = healthScore(
          { aggregation: 'weighted', indicators: profile.map((p) => ({ ...p, key: false })) },
          values
        );
        if (capped.score === null) {
          return uncapped.score === null;
        }
        return (
          capped.score >= 0 &&
          capped.score <= 100 + 1e-9 &&
          capped.score <= uncapped.score! &&
          (capped.cappedBy === null) === (capped.score === uncapped.score)
        );
      })
    );
  });

  it('worst is never above weighted, and the per-timestamp loop agrees with healthScore', () => {
    fc.assert(
      fc.property(indicators, (rows) => {
        const profile = toProfile(rows);
        const values = Object.fromEntries(rows.map((r, i) => [`i${i}`, r.v]));
        const weighted = healthScore({ aggregation: 'weighted', indicators: profile }, values).score;
        const worst = healthScore({ aggregation: 'worst', indicators: profile }, values).score;
        const columns = Object.fromEntries(rows.map((r, i) => [`i${i}`, [r.v ?? NaN]]));
        const looped = scoreSeries(
          compileIndicators({ aggregation: 'weighted', indicators: profile }),
          { start: 0, step: 1, length: 1 },
          columns
        ).score[0];
        const sameAsLoop = weighted === null ? Number.isNaN(looped) : looped === weighted;
        return sameAsLoop && (weighted === null || worst === null || worst <= weighted + 1e-9);
      })
    );
  });
});
