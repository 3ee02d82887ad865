import { fontSizeFor, type Measure } from '../../../views/layout';

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
}

const ROW = { min: 22, max: 64 };
const MIN_BAR = 80;
const TREND = 88;

/**
 * The overhead table in width x height, like Bar gauge: rows stretch to fill the panel (from 22 to 64 px,
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
  },
  measure: Measure
): OverheadLayout {
  const { width, height } = box;
  const compact = width < COMPACT.width || height < COMPACT.height;
  const narrow = width < 300;
  const perSection = (parts.sections > 1 ? 28 : 0) + (parts.system ? 30 : 0);
  const rowHeight = Math.max(
    ROW.min,
    Math.min(ROW.max, Math.floor((height - parts.sections * perSection) / Math.max(1, parts.rows)))
  );
  const bars = width >= 260;
  const cell = 8;
  // The largest text that leaves every name whole beside a bar of MIN_BAR, the trend column going first.
  const columnsAt = (font: number, withTrend: boolean) => {
    const value = Math.ceil(measure(parts.longestValue, font) * 1.05 + cell + 4);
    const band = narrow ? 22 : Math.ceil(measure('Critical', font) * 1.05 + 18 + cell);
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
  const scaled = Math.max(12, Math.min(16, Math.round(rowHeight * 0.45)));
  const trends = parts.trends && width >= 420;
  const tries = [columnsAt(scaled, trends), columnsAt(scaled, false), columnsAt(12, trends), columnsAt(12, false)];
  const { font, columns } = tries.find((t) => t.whole) ?? tries[tries.length - 1];
  const barHeight = Math.max(10, Math.min(28, Math.round(rowHeight * 0.45)));
  const totalFont = fontSizeFor(parts.total, width * 0.3, Math.min(40, rowHeight * 1.2), measure, {
    min: 14,
    max: 32,
    fontWeight: 500,
  });
  return {
    columns,
    rowHeight,
    font,
    barHeight,
    totalFont,
    narrow,
    compact,
  };
}
