import { BAND_FLOORS, type Band } from '../scoring';
import { bandSeverity, bySeverity } from './bands';

it('orders bands by severity as the library lists them, worst first, no data last', () => {
  const bands: Band[] = ['nodata', 'ok', 'info', 'warning', 'critical'];
  expect([...bands].sort((a, b) => bandSeverity(a) - bandSeverity(b))).toEqual([
    'critical',
    'warning',
    'info',
    'ok',
    'nodata',
  ]);
  expect(BAND_FLOORS.map((b) => bandSeverity(b.band))).toEqual([3, 2, 1, 0]);
});

it('sorts worst first, ties by the given rule, then by name', () => {
  const items = [
    { name: 'b', band: 'ok' as Band, v: 1 },
    { name: 'a', band: 'nodata' as Band, v: 1 },
    { name: 'c', band: 'critical' as Band, v: 1 },
    { name: 'a', band: 'critical' as Band, v: 1 },
    { name: 'd', band: 'warning' as Band, v: 2 },
    { name: 'e', band: 'warning' as Band, v: 3 },
  ];
  const byName = items
    .sort(
      bySeverity(
        (i) => i.band,
        (i) => i.name
      )
    )
    .map((i) => `${i.band} ${i.name}`);
  expect(byName).toEqual(['critical a', 'critical c', 'warning d', 'warning e', 'ok b', 'nodata a']);
  const byValue = items
    .sort(
      bySeverity(
        (i) => i.band,
        (i) => i.name,
        (a, b) => b.v - a.v
      )
    )
    .map((i) => `${i.band} ${i.name}`);
  expect(byValue).toEqual(['critical a', 'critical c', 'warning e', 'warning d', 'ok b', 'nodata a']);
});
