/** @jest-environment node */
import { healthScore } from './composite';
import { defaultProfile } from './profile/defaults';
import type { Indicator } from './types';

const profile = defaultProfile();
// Sub-scores: latency 0.35 s -> 85, error rate 0.05 % -> 100, CPU 85 % -> 60, memory 80 % -> 100, availability 99.95 % -> 100.
const values = { latency_p95: 0.35, error_rate: 0.05, cpu: 85, memory: 80, availability: 99.95, throughput: 3 };

const ind = (id: string, weight: number, key = false): Indicator => ({
  id,
  name: id,
  unit: '',
  direction: 'lower',
  target: 70,
  warning: 80,
  critical: 90,
  weight,
  key,
  enabled: true,
  query: 'up',
});

describe('healthScore, weighted', () => {
  it('caps the weighted mean with the lowest key indicator and explains the points lost', () => {
    const h = healthScore(profile, values);
    // Weighted mean 0.3*85 + 0.3*100 + 0.15*60 + 0.15*100 + 0.1*100 = 89.5, capped by latency at 85.
    expect(h.score).toBeCloseTo(85, 12);
    expect(h.band).toBe('info');
    expect(h.cappedBy).toBe('latency_p95');
    expect(h.indicators.map((i) => i.id)).toEqual(['latency_p95', 'error_rate', 'cpu', 'memory', 'availability']);
    const lost = Object.fromEntries(h.indicators.map((i) => [i.id, i.pointsLost]));
    expect(lost.latency_p95).toBeCloseTo(4.5, 12);
    expect(lost.cpu).toBeCloseTo(6, 12);
    expect([lost.error_rate, lost.memory, lost.availability]).toEqual([0, 0, 0]);
  });

  it('does not cap when every key indicator scores above the mean', () => {
    const h = healthScore(profile, { ...values, latency_p95: 0.1 });
    expect(h.score).toBeCloseTo(94, 12);
    expect(h.cappedBy).toBeNull();
  });

  it('leaves out indicators without data and names them', () => {
    const h = healthScore(profile, { ...values, latency_p95: 0.1, cpu: NaN, memory: null });
    // (0.3*100 + 0.3*100 + 0.1*100) / 0.7
    expect(h.score).toBe(100);
    expect(h.noData).toEqual(['cpu', 'memory']);
    expect(h.indicators.find((i) => i.id === 'cpu')).toMatchObject({
      value: null,
      subScore: null,
      band: 'nodata',
      pointsLost: null,
    });
    const partial = healthScore(profile, { ...values, cpu: Infinity });
    expect(partial.score).toBeCloseTo(85, 12);
    // Memory 85 % -> 85; the weights of the others sum to 0.85.
    expect(healthScore(profile, { ...values, latency_p95: 0.1, cpu: undefined, memory: 85 }).score).toBeCloseTo(
      (0.3 * 100 + 0.3 * 100 + 0.15 * 85 + 0.1 * 100) / 0.85,
      12
    );
  });

  it('is no data when nothing with a positive weight has data', () => {
    expect(healthScore(profile, {})).toMatchObject({ score: null, band: 'nodata', cappedBy: null });
    const gateOnly = { aggregation: 'weighted' as const, indicators: [ind('a', 1), ind('gate', 0, true)] };
    expect(healthScore(gateOnly, { gate: 85 }).score).toBeNull();
  });

  it('lets a key indicator with weight 0 act as a pure gate', () => {
    const gated = { aggregation: 'weighted' as const, indicators: [ind('a', 1), ind('gate', 0, true)] };
    // Thresholds 70/80/90: a 60 -> 100, gate 85 -> 60.
    const h = healthScore(gated, { a: 60, gate: 85 });
    expect([h.score, h.cappedBy]).toEqual([60, 'gate']);
    expect(h.indicators.map((i) => i.pointsLost)).toEqual([0, 0]);
    expect(healthScore(gated, { a: 75, gate: 85 })).toMatchObject({ score: 60, cappedBy: 'gate', band: 'warning' });
  });

  it('caps with the lowest of several key indicators, the first on a tie', () => {
    const p = { aggregation: 'weighted' as const, indicators: [ind('a', 1, true), ind('b', 1, true), ind('c', 2)] };
    // Sub-scores a 85, b 76, c 100: mean 90.25, capped by b.
    expect(healthScore(p, { a: 75, b: 78, c: 70 })).toMatchObject({ score: 76, cappedBy: 'b' });
    expect(healthScore(p, { a: 78, b: 78, c: 70 })).toMatchObject({ score: 76, cappedBy: 'a' });
  });
});

describe('healthScore, worst', () => {
  it('takes the lowest sub-score of the indicators with data, whatever their weight', () => {
    const p = { aggregation: 'worst' as const, indicators: [ind('a', 1), ind('b', 0), ind('c', 1)] };
    // Sub-scores a 85, b 60.
    expect(healthScore(p, { a: 75, b: 85, c: null })).toMatchObject({
      score: 60,
      band: 'warning',
      cappedBy: null,
      noData: ['c'],
    });
    expect(healthScore(p, {}).score).toBeNull();
  });
});
