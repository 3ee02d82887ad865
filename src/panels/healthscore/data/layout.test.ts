import type { Measure } from '../../../views/layout';
import { chooseLayout, singleLayout } from './layout';

const mono: Measure = (text, size) => text.length * size * 0.6;
const caption = 'Weighted score 28.7 (71.3 points lost), capped at 10 by the key indicator Error rate.';
const parts = { score: '10', caption, rows: 5, wrappedRows: 0, trend: true, breakdown: true };

describe('chooseLayout', () => {
  it('shows a grid for many services, compact when small', () => {
    expect(chooseLayout('auto', 5, 800, 520)).toBe('grid');
    expect(chooseLayout('auto', 5, 150, 100)).toBe('compact-grid');
    expect(chooseLayout('auto', 1, 150, 100)).toBe('compact');
    expect(chooseLayout('auto', 1, 800, 520)).toBe('single');
  });
});

describe('singleLayout', () => {
  it('gives a roomy panel the score large above its trend and the whole breakdown', () => {
    const l = singleLayout({ width: 800, height: 520 }, parts, mono);
    expect(l).toMatchObject({ showBreakdown: true, row: false });
    expect(l.trendHeight).toBeGreaterThan(0);
    expect(l.scoreFont).toBeGreaterThan(64);
  });

  it('keeps every breakdown row at 420 x 300 by putting name, score and band on one line', () => {
    const l = singleLayout({ width: 420, height: 300 }, { ...parts, wrappedRows: 2 }, mono);
    expect(l.showBreakdown).toBe(true);
    expect(l.row).toBe(true);
    expect(l.scoreFont).toBeGreaterThanOrEqual(24);
  });

  it('drops the breakdown before the score is unreadable, and says so', () => {
    const l = singleLayout({ width: 300, height: 170 }, parts, mono);
    expect(l.showBreakdown).toBe(false);
    expect(l.scoreFont).toBeGreaterThanOrEqual(24);
  });

  it('sizes a compact score to the panel', () => {
    const l = singleLayout({ width: 150, height: 100 }, { ...parts, trend: false, breakdown: false }, mono);
    expect(l.scoreFont).toBeCloseTo((100 - 40 - 12) / 1.2);
  });
});
