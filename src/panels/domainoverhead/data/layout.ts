import { fontSizeFor, LINE_HEIGHT, type Measure } from '../../../views/layout';

/** Below this the worst service and domain come first, whatever the sort option. */
export const COMPACT = { width: 300, height: 200 };

export interface OverheadLayout {
  /** Each column's width in px: the domain name gets what its longest name needs, up to what the bar spares. */
  columns: { name: number; bar: number; value: number; band: number; trend: number };
  rowHeight: number;
  font: number;
  barHeight: number;
  /** The system total's value. */
  totalFont: number;
  /** Only the dot of a band, its name for screen readers; the target in words for screen readers only. */
  narrow: boolean;
  compact: boolean;
  /** The height the table needs: more than the panel's means it scrolls. */
  contentHeight: number;
}

const ROW = { min: 22, max: 96 };
const MIN_BAR = 80;
const TREND = 88;
/** The system line's parts in px: the band badge, the shortest bar, the wrapped second line, the gap below. */
const SYSTEM_LINE = { badge: 96, bar: 120, second: 24, gap: 4 };
/** A service's heading (several services) and the space after its table. */
const SECTION = { heading: 28, margin: 8 };

/**
 * The overhead table in width x height, like Bar gauge: rows stretch to fill the panel (from 22 to 96 px,
 * their text and bars with them), names get the room their longest needs, the bar the rest.
 */
export function overheadLayout(
  box: { width: number; height: number },
  parts: {
    /** Domain rows and service headings (with their system totals) in the panel. */
    rows: number;
    sections: number;
    longestName: string;
    longestValue: string;
    total: string;
    trends: boolean;
    system: boolean;
    /** The bands' names, as the badges write them: the band column fits the longest. */
    bandLabels: string[];
  },
  measure: Measure
): OverheadLayout {
  const { width, height } = box;
  const compact = width < COMPACT.width || height < COMPACT.height;
  const narrow = width < 300;
  const bars = width >= 260;
  const totalFont = fontSizeFor(parts.total, width * 0.3, Math.min(40, height * 0.1), measure, {
    min: 14,
    max: 32,
    fontWeight: 500,
  });
  // The system line: its words and value, the band and a bar of at least 120 px beside them, or the band and
  // bar on a second line.
  const words = measure(`System total against its target of ${parts.total}`, 12) + measure(parts.total, totalFont, 500);
  const wraps = !narrow && words + SYSTEM_LINE.badge + (bars ? SYSTEM_LINE.bar : 0) > width;
  const system = parts.system ? totalFont * LINE_HEIGHT + (wraps ? SYSTEM_LINE.second : 0) + SYSTEM_LINE.gap : 0;
  const perSection = (parts.sections > 1 ? SECTION.heading : 0) + system + SECTION.margin;
  const rowHeight = Math.max(
    ROW.min,
    Math.min(ROW.max, Math.floor((height - parts.sections * perSection) / Math.max(1, parts.rows)))
  );
  const cell = 8;
  // The largest text that leaves every name whole beside a bar of MIN_BAR, the trend column going first.
  const columnsAt = (font: number, withTrend: boolean) => {
    const value = Math.ceil(measure(parts.longestValue, font) * 1.05 + cell + 4);
    const band = narrow ? 22 : Math.ceil(Math.max(...parts.bandLabels.map((b) => measure(b, font))) * 1.05 + 18 + cell);
    const trend = withTrend ? TREND : 0;
    const rest = width - value - band - trend;
    const wanted = Math.ceil(measure(parts.longestName, font) * 1.05 + cell + 4);
    const whole = bars ? wanted + MIN_BAR <= rest : wanted <= rest;
    const name = bars ? Math.max(Math.min(wanted, rest - MIN_BAR), Math.min(rest * 0.35, wanted)) : rest;
    return {
      font,
      whole,
      columns: { name: Math.floor(name), bar: bars ? Math.floor(rest - name) : 0, value, band, trend },
    };
  };
  const scaled = Math.max(12, Math.min(20, Math.round(rowHeight * 0.3)));
  const trends = parts.trends && width >= 420;
  const tries = [columnsAt(scaled, trends), columnsAt(scaled, false), columnsAt(12, trends), columnsAt(12, false)];
  const { font, columns } = tries.find((t) => t.whole) ?? tries[tries.length - 1];
  const barHeight = Math.max(10, Math.min(40, Math.round(rowHeight * 0.45)));
  return {
    columns,
    rowHeight,
    font,
    barHeight,
    totalFont,
    narrow,
    compact,
    contentHeight: parts.sections * perSection + parts.rows * rowHeight,
  };
}
