/** @jest-environment node */
import { healthScore } from './composite';
import { defaultProfile } from './profile/defaults';
import { alignSeries, compileIndicators, gridOf, scoreSeries, seriesStep } from './series';

const grid = gridOf(0, 105, 15); // 0, 15, ..., 105

describe('alignSeries', () => {
  it('keeps a series on the grid as it is, gaps included', () => {
    const s = { timestamps: [0, 15, 30, 60, 75, 90, 105], values: [1, 2, 3, 5, 6, NaN, 8] };
    expect(Array.from(alignSeries(s, grid))).toEqual([1, 2, 3, NaN, 5, 6, NaN, 8]);
  });

  it('holds a coarser series for one of its steps and keeps its gaps', () => {
    const s = { timestamps: [0, 30, 90], values: [1, 2, 4] };
    expect(seriesStep(s.timestamps)).toBe(30);
    expect(Array.from(alignSeries(s, grid))).toEqual([1, 1, 2, 2, NaN, NaN, 4, 4]);
  });

  it('takes the last sample of a finer series within the grid step, and nothing before its first', () => {
    const s = { timestamps: [20, 25, 35, 50, 55], values: [1, 2, 3, 4, 5] };
    expect(Array.from(alignSeries(s, grid))).toEqual([NaN, NaN, 2, 3, 5, NaN, NaN, NaN]);
  });
});

describe('scoreSeries', () => {
  const profile = defaultProfile();
  const compiled = compileIndicators(profile);

  it('agrees with healthScore at every timestamp, from series with different steps and gaps', () => {
    const inputs = {
      latency_p95: { timestamps: [0, 15, 30, 45, 60, 75, 90, 105], values: [0.1, 0.35, 0.6, 1.2, NaN, 0.3, 0.2, 0.25] },
      error_rate: { timestamps: [0, 30, 60, 90], values: [0.05, 0.3, 0.8, 2] },
      cpu: Float64Array.from([50, 75, 85, 95, 71, NaN, 60, 100]),
      availability: { timestamps: [45, 105], values: [99.7, Infinity] },
    };
    const r = scoreSeries(compiled, grid, inputs, { subScores: true });
    expect(Array.from(r.timestamps)).toEqual([0, 15, 30, 45, 60, 75, 90, 105]);
    const aligned = {
      latency_p95: alignSeries(inputs.latency_p95, grid),
      error_rate: alignSeries(inputs.error_rate, grid),
      cpu: inputs.cpu,
      availability: alignSeries(inputs.availability, grid),
    };
    for (let k = 0; k < grid.length; k++) {
      const at = Object.fromEntries(Object.entries(aligned).map(([id, col]) => [id, col[k]]));
      const h = healthScore(profile, at);
      expect([k, Number.isNaN(r.score[k]) ? null : r.score[k]]).toEqual([k, h.score]);
      for (const i of h.indicators) {
        const s = r.subScores![i.id][k];
        expect([k, i.id, Number.isNaN(s) ? null : s]).toEqual([k, i.id, i.subScore]);
      }
    }
    // Spot checks: t=60 has only error rate (0.8 -> 58) and cpu (71 -> 97); t=75 latency 0.3 (90) and error rate.
    expect(r.score[4]).toBeCloseTo(58, 12);
    expect(r.score[5]).toBeCloseTo(58, 12);
    expect(Number.isNaN(r.score[4])).toBe(false);
  });

  it('scores the worst sub-score per timestamp in worst mode', () => {
    const worst = compileIndicators({ ...profile, aggregation: 'worst' });
    const r = scoreSeries(worst, gridOf(0, 15, 15), { cpu: [75, NaN], memory: [85, NaN] });
    expect(r.score[0]).toBe(85);
    expect(Number.isNaN(r.score[1])).toBe(true);
  });
});
