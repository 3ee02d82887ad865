/** @jest-environment node */
import { breachIntervals } from './mttr';

const minute = 60;
const grid = Array.from({ length: 11 }, (_, i) => i * minute); // 0 .. 600 s

describe('breachIntervals', () => {
  it('measures resolved runs as last - first + step and reports the open one apart', () => {
    const breach = grid.map((t) => [60, 120, 300, 540, 600].includes(t));
    expect(breachIntervals(grid, breach, minute)).toEqual({
      resolved: [
        { start: 60, end: 120, length: 120 },
        { start: 300, end: 300, length: 60 },
      ],
      open: { start: 540, end: 600, length: 120 },
      mttr: 90,
    });
  });

  it('splits a run at a missing sample', () => {
    const ts = [0, 60, 180, 240];
    expect(breachIntervals(ts, [true, true, true, false], minute).resolved).toEqual([
      { start: 0, end: 60, length: 120 },
      { start: 180, end: 180, length: 60 },
    ]);
  });

  it('has no MTTR without a resolved interval', () => {
    expect(
      breachIntervals(
        grid,
        grid.map(() => true),
        minute
      )
    ).toEqual({
      resolved: [],
      open: { start: 0, end: 600, length: 660 },
      mttr: null,
    });
    expect(breachIntervals([], [], minute)).toEqual({ resolved: [], open: null, mttr: null });
  });
});
