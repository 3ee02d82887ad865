import { fontSizeFor, LINE_HEIGHT, type Measure, type TileBounds } from '../../../views/layout';
import type { DisplayMode } from '../types';

export type Layout = 'single' | 'grid' | 'compact' | 'compact-grid';

/** Below this a single score shows no trend or breakdown; it still reads at 150 x 100 px. */
export const COMPACT = { width: 260, height: 160 };

/** The layout for the panel's size and the number of services (or domains). */
export function chooseLayout(mode: DisplayMode, groups: number, width: number, height: number): Layout {
  const small = width < COMPACT.width || height < COMPACT.height;
  if (mode === 'compact') {
    return groups > 1 ? 'compact-grid' : 'compact';
  }
  if (mode === 'grid' || (mode === 'auto' && groups > 1)) {
    return small ? 'compact-grid' : 'grid';
  }
  return small && mode === 'auto' ? 'compact' : 'single';
}

/** The grid's smallest readable tiles: a name, a score and its band; in a compact grid one line each. */
export const GRID_TILE: Record<'full' | 'compact', TileBounds> = {
  full: { minWidth: 132, minHeight: 72, gap: 8, aspect: 2 },
  compact: { minWidth: 96, minHeight: 18, gap: 2, aspect: 4 },
};

/** The explanation of a selected tile takes the lower part of the grid's panel. */
export const detailHeight = (height: number) => Math.round(height * 0.55);

/** The breakdown table's sizes (src/components/tableStyles.ts at Grafana's small font). */
const TABLE = { row: 23, captionLine: 18, padding: 8 };
/** Below this width the breakdown wraps its names and shows bands as dots only. */
export const NARROW_TABLE = 480;

export interface SingleLayout {
  scoreFont: number;
  trendHeight: number;
  showBreakdown: boolean;
  /** Name, score and band on one line (Stat's wide layout), leaving the height to the breakdown. */
  row: boolean;
}

/**
 * One score's layout: the breakdown (its caption, header and every row) gets the room it needs first, then
 * the trend, and the score the rest, as large as it fits. When that leaves the score under 24 px the name,
 * score and band go on one line, then the trend goes, and only then the breakdown (its rows stay whole).
 */
export function singleLayout(
  box: { width: number; height: number },
  parts: { score: string; caption: string; rows: number; wrappedRows: number; trend: boolean; breakdown: boolean },
  measure: Measure
): SingleLayout {
  const { width, height } = box;
  const innerWidth = width - 16;
  const captionLines = Math.max(1, Math.ceil(measure(parts.caption, 12) / Math.max(1, innerWidth - 16)));
  const table = (parts.rows + 1 + parts.wrappedRows) * TABLE.row + captionLines * TABLE.captionLine + TABLE.padding;
  const fit = (breakdown: boolean, trend: boolean, row: boolean): SingleLayout => {
    const trendHeight = trend ? Math.min(48, Math.max(20, Math.round(height * 0.12))) : 0;
    // Stacked, the name and the band take a line each; on one line they share the score's.
    const room = height - (row ? 0 : HEAD.name + HEAD.badge) - (breakdown ? table : 0) - trendHeight - HEAD.gaps;
    const scoreFont = fontSizeFor(parts.score, Math.min(innerWidth * (row ? 0.3 : 1), 400), room, measure, {
      lineHeight: LINE_HEIGHT,
      min: 16,
      max: 160,
      fontWeight: 500,
    });
    return { scoreFont, trendHeight, showBreakdown: breakdown, row };
  };
  const { breakdown, trend } = parts;
  const candidates = [
    fit(breakdown, trend, false),
    fit(breakdown, trend, true),
    fit(breakdown, false, true),
    fit(false, trend, false),
  ];
  return candidates.find((c) => c.scoreFont >= 24) ?? fit(false, false, false);
}

/** The single score's name and band lines and the gaps between its parts, in px. */
const HEAD = { name: 18, badge: 22, gaps: 12 };
