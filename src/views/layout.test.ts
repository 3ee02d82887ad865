import { fontSizeFor, tileContent, tileGrid, tilePosition, tilesInView, type Measure } from './layout';

// A font whose every character is 0.6 of its size wide: easy to reason about, like a monospace font.
const mono: Measure = (text, size) => text.length * size * 0.6;

const full = { minWidth: 132, minHeight: 72, gap: 8, aspect: 2 };

describe('fontSizeFor', () => {
  it('scales the text to the box as Grafana does (measured at 14 px, 2 px of slack)', () => {
    // "100" is 25.2 px at 14 px: a 200 px wide box takes it to 200 / 27.2 * 14 px.
    expect(fontSizeFor('100', 200, 1000, mono)).toBeCloseTo((200 / 27.2) * 14);
  });

  it('is held by the height, a line being 1.2 of the font', () => {
    expect(fontSizeFor('100', 2000, 60, mono)).toBeCloseTo(50);
  });

  it('stays within its bounds', () => {
    expect(fontSizeFor('a very long name indeed', 40, 60, mono, { min: 12 })).toBe(12);
    expect(fontSizeFor('1', 2000, 2000, mono, { max: 64 })).toBe(64);
  });
});

describe('tileGrid', () => {
  it('fills an 800 x 520 panel with five tiles in rows and columns, each wider than tall', () => {
    const g = tileGrid(5, 800, 520, full);
    expect([g.columns, g.rows, g.scrolls]).toEqual([2, 3, false]);
    expect(g.tileWidth).toBe(396);
    expect(g.tileHeight).toBeCloseTo((520 - 16) / 3);
  });

  it('puts one tile in the whole panel', () => {
    const g = tileGrid(1, 420, 300, full);
    expect([g.columns, g.rows, g.tileWidth, g.tileHeight]).toEqual([1, 1, 420, 300]);
  });

  it('uses more columns when the panel is wide', () => {
    const g = tileGrid(5, 1600, 200, full);
    expect([g.columns, g.rows]).toEqual([5, 1]);
  });

  it('scrolls minimum tiles when they do not all fit, as many columns as the width holds', () => {
    const g = tileGrid(1000, 1200, 800, full);
    expect(g.scrolls).toBe(true);
    expect(g.columns).toBe(Math.floor((1200 + 8) / (132 + 8)));
    expect(g.tileWidth).toBeGreaterThanOrEqual(132);
    expect(g.rows).toBe(Math.ceil(1000 / g.columns));
    expect(g.height).toBeCloseTo(g.rows * g.tileHeight + (g.rows - 1) * 8);
  });

  it('keeps one column in a panel narrower than a tile', () => {
    const g = tileGrid(3, 80, 100, full);
    expect([g.columns, g.tileWidth]).toEqual([1, 80]);
  });
});

describe('tilesInView', () => {
  const grid = tileGrid(1000, 1200, 800, full);

  it('draws the rows in view and two either side', () => {
    const pitch = grid.tileHeight + grid.gap;
    const { first, last } = tilesInView(grid, 1000, 10 * pitch, 800);
    expect(first).toBe(8 * grid.columns);
    expect(last).toBe((Math.ceil((10 * pitch + 800) / pitch) + 2) * grid.columns);
    expect(last - first).toBeLessThan(150);
  });

  it('stops at the last tile', () => {
    expect(tilesInView(grid, 1000, grid.height, 800).last).toBe(1000);
  });

  it('draws every tile of a grid that does not scroll', () => {
    expect(tilesInView(tileGrid(5, 800, 520, full), 5, 0, 520)).toEqual({ first: 0, last: 5 });
  });
});

it('tilePosition places tiles row by row', () => {
  const g = tileGrid(5, 800, 520, full);
  expect(tilePosition(g, 3)).toEqual({ top: g.tileHeight + 8, left: 404, width: 396, height: g.tileHeight });
});

describe('tileContent', () => {
  it('stacks name, value and band in a tall tile, the value as large as its share allows', () => {
    const c = tileContent('incident', '100', 396, 168, mono, false);
    expect(c.kind).toBe('stack');
    expect(c.trendHeight).toBe(0);
    expect(c.valueFont).toBeGreaterThan(64);
    expect(c.nameFont).toBeGreaterThanOrEqual(12);
    expect(c.nameFont).toBeLessThanOrEqual(24);
  });

  it('gives a tall tile a trend when asked', () => {
    expect(tileContent('incident', '100', 396, 168, mono, true).trendHeight).toBeGreaterThan(0);
    expect(tileContent('incident', '100', 396, 90, mono, true).trendHeight).toBe(0);
  });

  it('puts name and value on one line in a short tile', () => {
    const c = tileContent('incident', '100', 150, 18, mono, true);
    expect(c).toMatchObject({ kind: 'line', trendHeight: 0 });
    expect(c.valueFont * 1.2).toBeLessThanOrEqual(18);
  });
});
