/** @jest-environment node */
import { bandOf } from './bands';
import { subScore, subScoreLower } from './subscore';

describe('subScoreLower', () => {
  it.each([
    [60, 100],
    [70, 100], // at target
    [75, 85],
    [80, 70], // at warning
    [85, 60],
    [90, 50], // at critical
    [100, 30],
    [115, 0], // the line reaches 0 at critical + 2.5 (critical - warning)
    [120, 0],
  ])('cpu 70/80/90 at %p scores %p', (v, expected) => {
    expect(subScoreLower(v, 70, 80, 90)).toBe(expected);
  });

  it('is continuous at each threshold', () => {
    const eps = 1e-9;
    for (const [at, s] of [
      [70, 100],
      [80, 70],
      [90, 50],
    ]) {
      expect(subScoreLower(at - eps, 70, 80, 90)).toBeCloseTo(s, 6);
      expect(subScoreLower(at + eps, 70, 80, 90)).toBeCloseTo(s, 6);
    }
  });
});

describe('subScore', () => {
  const latency = { target: 0.2, warning: 0.5, critical: 1 };
  const availability = { target: 99.9, warning: 99.5, critical: 99 };

  it('scores the latency thresholds exactly', () => {
    expect([0.2, 0.5, 1].map((v) => subScore(v, latency))).toEqual([100, 70, 50]);
    expect(subScore(0.35, latency)).toBeCloseTo(85, 12);
    expect(subScore(1.5, latency)).toBeCloseTo(30, 12);
  });

  it('mirrors direction higher', () => {
    expect(subScore(100, availability, 'higher')).toBe(100);
    expect(subScore(99.9, availability, 'higher')).toBe(100);
    expect(subScore(99.7, availability, 'higher')).toBeCloseTo(85, 9);
    expect(subScore(99.5, availability, 'higher')).toBeCloseTo(70, 12);
    expect(subScore(99, availability, 'higher')).toBe(50);
    expect(subScore(98, availability, 'higher')).toBeCloseTo(10, 9);
    expect(subScore(97, availability, 'higher')).toBe(0);
  });

  it('gives no data for missing, NaN and infinite values', () => {
    for (const v of [null, undefined, NaN, Infinity, -Infinity]) {
      expect(subScore(v, latency)).toBeNull();
    }
  });
});

describe('bandOf', () => {
  it.each([
    [100, 'ok'],
    [90, 'ok'],
    [89.999, 'info'],
    [70, 'info'],
    [69.999, 'warning'],
    [50, 'warning'],
    [49.999, 'critical'],
    [0, 'critical'],
    [null, 'nodata'],
    [NaN, 'nodata'],
  ])('%p is %p', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});
