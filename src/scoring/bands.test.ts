/** @jest-environment node */
import { atOrWorse, bandCeiling, bandFloor, bandOf, scoreSteps, valueSteps } from './bands';
import { subScore } from './subscore';
import type { Direction, Thresholds } from './types';

describe('bands', () => {
  it('has floors and ceilings that agree with bandOf', () => {
    for (const band of ['ok', 'info', 'warning', 'critical'] as const) {
      if (Number.isFinite(bandFloor(band))) {
        expect(bandOf(bandFloor(band))).toBe(band);
      }
      if (Number.isFinite(bandCeiling(band))) {
        expect(bandOf(bandCeiling(band))).not.toBe(band);
        expect(atOrWorse(bandCeiling(band) - 1e-9, band)).toBe(true);
        expect(atOrWorse(bandCeiling(band), band)).toBe(false);
      }
    }
    expect(atOrWorse(null, 'ok')).toBe(false);
    expect(atOrWorse(0, 'ok')).toBe(true);
  });

  it('steps scores as bandOf bands them', () => {
    const steps = scoreSteps();
    for (const score of [0, 49.9, 50, 69.9, 70, 89.9, 90, 100]) {
      const step = [...steps].reverse().find((s) => score >= s.from)!;
      expect(step.band).toBe(bandOf(score));
    }
  });

  // A value coloured by valueSteps shows the band its sub-score is in, right at and around every crossing.
  it.each<[Direction, Thresholds]>([
    ['lower', { target: 0.2, warning: 0.5, critical: 1 }],
    ['lower', { target: 0.1, warning: 0.3, critical: 0.7 }],
    ['higher', { target: 99.9, warning: 99.5, critical: 99 }],
  ])('steps %s-is-better values as their sub-scores band them', (direction, t) => {
    const steps = valueSteps(t, direction);
    const bandBySteps = (v: number) => [...steps].reverse().find((s) => v >= s.from)!.band;
    for (const s of steps.slice(1)) {
      for (const v of [s.from, s.from - 1e-12, s.from + 1e-12, prev(s.from)]) {
        expect([v, bandBySteps(v)]).toEqual([v, bandOf(subScore(v, t, direction))]);
      }
    }
  });
});

function prev(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits - BigInt(1) : bits + BigInt(1));
  return view.getFloat64(0);
}
