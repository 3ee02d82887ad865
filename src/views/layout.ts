// The panels' layout maths, as Grafana's Stat and Bar gauge do it: text sized to its box as Grafana measures
// it, tiles that fill the panel in rows and columns, scrolling only below a readable tile. No React here.

/** The width in px of `text` at `fontSize` (Grafana's `measureText(text, size, weight).width` in a panel). */
export type Measure = (text: string, fontSize: number, fontWeight?: number) => number;

/** Grafana's BigValue line height. */
export const LINE_HEIGHT = 1.2;

export interface FontBounds {
  lineHeight?: number;
  /** Never smaller (the text then ellipsises), never larger. */
  min?: number;
  max?: number;
  fontWeight?: number;
}

/**
 * The largest font at which `text` fits a box of width x height on one line: Grafana's `calculateFontSize`
 * (measured at 14 px, scaled, 2 px of slack), then held within min and max.
 */
export function fontSizeFor(text: string, width: number, height: number, measure: Measure, bounds: FontBounds = {}) {
  const { lineHeight = LINE_HEIGHT, min = 0, max = Infinity, fontWeight } = bounds;
  const at14 = measure(text || ' ', 14, fontWeight);
  const byWidth = (Math.max(0, width) / (at14 + 2)) * 14;
  const byHeight = Math.max(0, height) / lineHeight;
  return Math.max(min, Math.min(byWidth, byHeight, max));
}

export interface TileBounds {
  /** The smallest readable tile: below it the grid scrolls rather than shrinks. */
  minWidth: number;
  minHeight: number;
  gap: number;
  /** The width a tile wants for each px of height (a value and its name read best a little wide). */
  aspect: number;
}

export interface TileGrid {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  gap: number;
  /** The tiles do not all fit at the readable minimum: the grid scrolls (and shows only the rows in view). */
  scrolls: boolean;
  /** The grid's whole height (more than the box when it scrolls). */
  height: number;
}

/**
 * Rows and columns for `count` tiles in width x height: the columns that give each tile the most room (the
 * smaller of its width and its height times the aspect), every tile at least the readable minimum; when even
 * that does not fit, as many columns of minimum tiles as the width holds, scrolling.
 */
export function tileGrid(count: number, width: number, height: number, bounds: TileBounds): TileGrid {
  const { minWidth, minHeight, gap, aspect } = bounds;
  const n = Math.max(1, count);
  const W = Math.max(0, width);
  const H = Math.max(0, height);
  let best: TileGrid | null = null;
  let bestRoom = -1;
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const tileWidth = (W - (columns - 1) * gap) / columns;
    const tileHeight = (H - (rows - 1) * gap) / rows;
    if (tileWidth < minWidth || tileHeight < minHeight) {
      continue;
    }
    const room = Math.min(tileWidth, tileHeight * aspect);
    if (room > bestRoom) {
      bestRoom = room;
      best = { columns, rows, tileWidth, tileHeight, gap, scrolls: false, height: H };
    }
  }
  if (best) {
    return best;
  }
  const columns = Math.max(1, Math.min(n, Math.floor((W + gap) / (minWidth + gap))));
  const rows = Math.ceil(n / columns);
  const tileWidth = Math.max(0, (W - (columns - 1) * gap) / columns);
  const tileHeight = Math.max(minHeight, Math.min(H, minHeight * 1.25));
  const whole = rows * tileHeight + (rows - 1) * gap;
  return { columns, rows, tileWidth, tileHeight, gap, scrolls: whole > H, height: Math.max(whole, 0) };
}

/** The tiles to draw for a scroll position: whole rows in view, and `overscan` rows either side. */
export function tilesInView(grid: TileGrid, count: number, scrollTop: number, viewHeight: number, overscan = 2) {
  if (!grid.scrolls) {
    return { first: 0, last: count };
  }
  const pitch = grid.tileHeight + grid.gap;
  const firstRow = Math.max(0, Math.floor(scrollTop / pitch) - overscan);
  const lastRow = Math.min(grid.rows, Math.ceil((scrollTop + viewHeight) / pitch) + overscan);
  return { first: firstRow * grid.columns, last: Math.min(count, lastRow * grid.columns) };
}

/** Where tile `i` sits in the grid. */
export function tilePosition(grid: TileGrid, i: number) {
  const row = Math.floor(i / grid.columns);
  const column = i % grid.columns;
  return {
    top: row * (grid.tileHeight + grid.gap),
    left: column * (grid.tileWidth + grid.gap),
    width: grid.tileWidth,
    height: grid.tileHeight,
  };
}

export interface TileContent {
  /** One line (name, value, band dot) in a short tile; stacked (name, value, band, trend) otherwise. */
  kind: 'line' | 'stack';
  nameFont: number;
  valueFont: number;
  /** The trend's height; 0 for none. */
  trendHeight: number;
}

/** The padding, border and band line of a tile, in px (HealthTile draws them). */
export const TILE_CHROME = { padX: 8, padY: 4, border: 4, band: 18 };

/**
 * What a tile of width x height shows and how large: the value as large as its share of the tile allows,
 * the name from 12 px up to 0.7 of the value (Stat's title rule), a trend when the tile is tall enough.
 */
export function tileContent(
  name: string,
  value: string,
  width: number,
  height: number,
  measure: Measure,
  withTrend: boolean
): TileContent {
  const innerWidth = width - TILE_CHROME.border - 2 * TILE_CHROME.padX;
  const innerHeight = height - 2 * TILE_CHROME.padY;
  if (innerHeight < 48) {
    // name | value on one line: the value takes what it needs, the name the rest (ellipsised below 12 px).
    const valueFont = fontSizeFor(value, innerWidth * 0.4, height, measure, { min: 12, max: 20, fontWeight: 500 });
    return { kind: 'line', nameFont: Math.min(valueFont, 14), valueFont, trendHeight: 0 };
  }
  const trendHeight = withTrend && innerHeight >= 96 ? Math.min(48, Math.round(innerHeight * 0.25)) : 0;
  const nameFont = fontSizeFor(name, innerWidth, Math.min(innerHeight * 0.16, 24 * LINE_HEIGHT), measure, {
    min: 12,
    max: 24,
  });
  // 4 px to spare: the tile's lines are rounded to whole pixels.
  const valueRoom = innerHeight - nameFont * LINE_HEIGHT - TILE_CHROME.band - trendHeight - 4;
  const valueFont = fontSizeFor(value, innerWidth, valueRoom, measure, { min: 14, fontWeight: 500 });
  return { kind: 'stack', nameFont: Math.min(nameFont, Math.max(12, valueFont * 0.7)), valueFont, trendHeight };
}
