import { bandOf, subScore } from '../scoring';
import { bandCuts, scoreBandReason, valueBandReason } from './bandReason';

const pct = (v: number) => `${v.toFixed(2)}%`;
const overhead = { target: 4.7, warning: 6, critical: 10 };

it('lists the band floors of the library', () => {
  expect(bandCuts()).toBe('OK from 90, Info from 70, Warning from 50, Critical below');
});

it('says why a value a little past its target is still OK', () => {
  const s = subScore(5, overhead, 'lower')!;
  expect(bandOf(s)).toBe('ok');
  expect(valueBandReason(5, overhead, 'lower', pct)).toBe(
    `5.00% is over its target of 4.70%, not yet past warning at 6.00%: sub-score ${Math.round(s)} (target 100, warning 70, critical 50), so OK. Bands: OK from 90, Info from 70, Warning from 50, Critical below.`
  );
});

it.each([
  [4, 'at or under its target of 4.70%', 'OK'],
  [6.5, 'past warning at 6.00%, not yet past critical at 10.00%', 'Warning'],
  [12, 'past critical at 10.00%', 'Critical'],
])('places %s against the thresholds', (value, where, band) => {
  const text = valueBandReason(value, overhead, 'lower', pct);
  expect(text).toContain(where);
  expect(text).toContain(`so ${band}.`);
});

it('mirrors the thresholds when higher is better', () => {
  const availability = { target: 99.9, warning: 99.5, critical: 99 };
  expect(valueBandReason(99.7, availability, 'higher', pct)).toContain(
    'is under its target of 99.90%, not yet past warning at 99.50%'
  );
  expect(valueBandReason(99.95, availability, 'higher', pct)).toContain('at or above its target');
});

it('never bands missing data as healthy', () => {
  expect(valueBandReason(null, overhead, 'lower', pct)).toMatch(/^No data/);
  expect(valueBandReason(NaN, overhead, 'lower', pct)).toMatch(/^No data/);
  expect(scoreBandReason(null)).toMatch(/^No data/);
  expect(scoreBandReason(85.4)).toBe(
    'Score 85, so Info. Bands: OK from 90, Info from 70, Warning from 50, Critical below.'
  );
});
