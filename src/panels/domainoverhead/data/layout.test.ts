import type { Measure } from '../../../views/layout';
import { overheadLayout } from './layout';

const mono: Measure = (text, size) => text.length * size * 0.6;
const parts = {
  rows: 5,
  sections: 1,
  longestName: 'compliance_evaluation',
  longestValue: '13.75%',
  total: '13.75%',
  trends: true,
  system: true,
  bandLabels: ['OK', 'Info', 'Warning', 'Critical', 'No data'],
};
const nameWidth = (font: number) => mono(parts.longestName, font);

describe('overheadLayout', () => {
  it('gives the names their whole length at 800 px, the bar the rest', () => {
    const l = overheadLayout({ width: 800, height: 520 }, parts, mono);
    expect(l.columns.name).toBeGreaterThan(nameWidth(l.font));
    expect(l.columns.bar).toBeGreaterThan(200);
    expect(l.columns.trend).toBeGreaterThan(0);
    const { name, bar, value, band, trend } = l.columns;
    expect(name + bar + value + band + trend).toBeLessThanOrEqual(800);
  });

  it('stretches the rows and their text to fill a tall panel, within bounds', () => {
    const tall = overheadLayout({ width: 800, height: 520 }, parts, mono);
    const short = overheadLayout({ width: 800, height: 100 }, parts, mono);
    expect(tall.rowHeight).toBeGreaterThan(64);
    expect(short.rowHeight).toBe(22);
    expect(tall.font).toBeGreaterThan(short.font);
  });

  it('keeps every row in view: the system line (wrapped when narrow) and the rows within the height', () => {
    for (const box of [
      { width: 420, height: 300 },
      { width: 800, height: 520 },
      { width: 1600, height: 900 },
    ]) {
      const l = overheadLayout(box, parts, mono);
      // The rows leave at least the system line's value (its line height) and the section's margin.
      expect([box, l.contentHeight - 5 * l.rowHeight >= l.totalFont * 1.2 + 8]).toEqual([box, true]);
      expect([box, l.contentHeight <= box.height]).toEqual([box, true]);
    }
  });

  it('fits the longest band name', () => {
    const l = overheadLayout({ width: 800, height: 520 }, { ...parts, bandLabels: ['OK', 'Unacceptable'] }, mono);
    expect(l.columns.band).toBeGreaterThan(mono('Unacceptable', l.font) + 10);
  });

  it('drops the trend column before it cuts a name', () => {
    const l = overheadLayout({ width: 420, height: 300 }, parts, mono);
    expect(l.columns.trend).toBe(0);
    expect(l.columns.name).toBeGreaterThan(nameWidth(l.font));
  });

  it('shows bands as dots and no bars in a small panel', () => {
    const l = overheadLayout({ width: 150, height: 100 }, parts, mono);
    expect(l).toMatchObject({ narrow: true, compact: true });
    expect(l.columns.bar).toBe(0);
    expect(l.columns.band).toBeLessThan(30);
  });
});
