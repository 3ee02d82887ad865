import { fontSizeFor, type Measure } from '../../../views/layout';

/** Below this the panel shows its worst objective only, beside any firing tier. */
export const COMPACT = { width: 320, height: 220 };

export interface ObjectivesLayout {
  columns: number;
  /** The cards' height in px; undefined: as tall as their words. */
  cardHeight?: number;
  valueFont: number;
  /** The budget burn-down's height: 40 px, up to 160 in a tall panel. */
  burnDownHeight: number;
}

/** An objective card's title line, detail lines, padding and top border, in px. */
const CARD = { title: 18, detail: 36, badge: 20, chrome: 11, minWidth: 130, gap: 8 };

/**
 * The objective cards in their share of the panel, values as large as the card allows (as Grafana measures
 * them, all cards at the longest value's size so that they line up). Compact, the one card fills the box,
 * its detail left to the tooltip; full, the cards take a row (or two) and up to a third of the height, the
 * burn-down, tiers and history below them.
 */
export function objectivesLayout(
  box: { width: number; height: number },
  cards: number,
  longestValue: string,
  compact: boolean,
  measure: Measure
): ObjectivesLayout {
  const { width, height } = box;
  if (compact) {
    const room = height - CARD.title - CARD.badge - CARD.chrome;
    const valueFont = fontSizeFor(longestValue, width - 16, room, measure, { min: 14, max: 64, fontWeight: 500 });
    return { columns: 1, cardHeight: Math.max(0, height), valueFont, burnDownHeight: 0 };
  }
  // As many as fit at the minimum width, balanced over the rows (2 + 2, not 3 + 1).
  const fit = Math.max(1, Math.min(cards, Math.floor((width + CARD.gap) / (CARD.minWidth + CARD.gap))));
  const rows = Math.ceil(cards / fit);
  const columns = Math.ceil(cards / rows);
  const cardWidth = (width - (columns - 1) * CARD.gap) / columns;
  const cardHeight = Math.max(90, Math.min(220, (height * 0.34) / rows));
  const valueFont = fontSizeFor(
    longestValue,
    cardWidth - 16,
    cardHeight - CARD.title - CARD.detail - CARD.chrome,
    measure,
    {
      min: 16,
      max: 72,
      fontWeight: 500,
    }
  );
  return { columns, valueFont, burnDownHeight: Math.round(Math.max(40, Math.min(160, height * 0.15))) };
}

/** The service picker's label and each radio button's padding and border, in px (Grafana's small buttons). */
const PICKER = { label: 56, button: 18, most: 6 };

/** Whether a few services' buttons fit on one line of the panel (a searchable list otherwise). */
export function pickerFitsButtons(services: string[], width: number, measure: Measure): boolean {
  const buttons = services.reduce((sum, s) => sum + measure(s, 12) * 1.05 + PICKER.button, 0);
  return services.length <= PICKER.most && PICKER.label + buttons <= width;
}
