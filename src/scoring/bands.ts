import { hasData, subScore } from './subscore';
import type { Band, Direction, Thresholds } from './types';

/** The bands a score can be in, best first, each with the lowest score it holds. */
export const BAND_FLOORS: ReadonlyArray<{ band: Exclude<Band, 'nodata'>; floor: number }> = [
  { band: 'ok', floor: 90 },
  { band: 'info', floor: 70 },
  { band: 'warning', floor: 50 },
  { band: 'critical', floor: -Infinity },
];

/** ok >= 90 > info >= 70 > warning >= 50 > critical; nodata for null or NaN. */
export function bandOf(score: number | null | undefined): Band {
  if (score === null || score === undefined || Number.isNaN(score)) {
    return 'nodata';
  }
  return BAND_FLOORS.find((b) => score >= b.floor)!.band;
}

/** The lowest score in the band (-Infinity for critical; NaN for nodata, which no score is in). */
export const bandFloor = (band: Band): number => BAND_FLOORS.find((b) => b.band === band)?.floor ?? NaN;

/** Scores below this are in the band or a worse one: the floor of the next better band (Infinity for ok). */
export function bandCeiling(band: Band): number {
  const i = BAND_FLOORS.findIndex((b) => b.band === band);
  return i < 0 ? NaN : i === 0 ? Infinity : BAND_FLOORS[i - 1].floor;
}

/** Whether a score is in `band` or a worse one; a score without data is in none. */
export const atOrWorse = (score: number | null | undefined, band: Band): boolean =>
  hasData(score) && score < bandCeiling(band);

/** Where each band starts, in ascending order of value, as Grafana's threshold steps read them. */
export interface BandStep {
  from: number;
  band: Exclude<Band, 'nodata'>;
}

/** A 0-100 score's bands as ascending steps: critical from -Infinity, warning from 50, info from 70, ok from 90. */
export const scoreSteps = (): BandStep[] =>
  [...BAND_FLOORS].reverse().map(({ band, floor }) => ({ from: floor, band }));

/** The next double above x, or below it. */
function nextAfter(x: number, up: boolean): number {
  if (x === 0) {
    return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 === up ? bits + BigInt(1) : bits - BigInt(1));
  return view.getFloat64(0);
}

const rank = (band: Band) => BAND_FLOORS.findIndex((b) => b.band === band);

/** Whether a band is `than` or a worse one; nodata is in none. */
export const bandAtOrWorse = (band: Band, than: Band): boolean => rank(band) >= 0 && rank(band) >= rank(than);

/** The worse of two bands (nodata only when both are). */
export const worseBand = (a: Band, b: Band): Band => (rank(a) >= rank(b) ? a : b);

/**
 * The smallest double at which holds(v) turns true, for holds false below it and true from it on, starting
 * from a guess a few rounding errors away (each step moves one double; 64 at most).
 */
function crossing(holds: (v: number) => boolean, guess: number): number {
  let v = guess;
  for (let i = 0; i < 64 && holds(nextAfter(v, false)); i++) {
    v = nextAfter(v, false);
  }
  for (let i = 0; i < 64 && !holds(v); i++) {
    v = nextAfter(v, true);
  }
  return v;
}

/**
 * A raw value's bands as ascending steps, so a value and its sub-score always show the same band: each step
 * starts at the smallest double whose sub-score is in its band (where the sub-score crosses 90 a third of the
 * way from target to warning, 70 at warning and 50 at critical, to the last rounding error of subScore).
 */
export function valueSteps(t: Thresholds, direction: Direction): BandStep[] {
  const bandAt = (v: number) => rank(bandOf(subScore(v, t, direction)));
  const guesses =
    direction === 'higher'
      ? { warning: t.critical, info: t.warning, ok: t.target - (t.target - t.warning) / 3 }
      : { info: t.target + (t.warning - t.target) / 3, warning: t.warning, critical: t.critical };
  const order: Array<Exclude<Band, 'nodata'>> =
    direction === 'higher' ? ['critical', 'warning', 'info', 'ok'] : ['ok', 'info', 'warning', 'critical'];
  return order.map((band, i) => {
    if (i === 0) {
      return { from: -Infinity, band };
    }
    const guess = guesses[band as keyof typeof guesses]!;
    const holds =
      direction === 'higher' ? (v: number) => bandAt(v) <= rank(band) : (v: number) => bandAt(v) >= rank(band);
    return { from: crossing(holds, guess), band };
  });
}
