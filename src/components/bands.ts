import { colorManipulator, type GrafanaTheme2 } from '@grafana/data';

import { BAND_FLOORS, type Band } from '../scoring';

export const bandLabel: Record<Band, string> = {
  ok: 'OK',
  info: 'Info',
  warning: 'Warning',
  critical: 'Critical',
  nodata: 'No data',
};

// The same colours as the PerfScope datasource's thresholds (pkg/plugin/frames.go and rules.go).
export const bandColorName: Record<Exclude<Band, 'nodata'>, string> = {
  ok: 'green',
  info: 'blue',
  warning: 'orange',
  critical: 'red',
};

/** How alarming a band is: 0 for critical, then warning, info, ok (the library's bands, worst first), no data last. */
export function bandSeverity(band: Band): number {
  const i = BAND_FLOORS.findIndex((b) => b.band === band);
  return i < 0 ? BAND_FLOORS.length : BAND_FLOORS.length - 1 - i;
}

/** Worst first (critical, warning, info, ok, no data); ties by `then`, then by name. */
export function bySeverity<T>(
  band: (item: T) => Band,
  name: (item: T) => string,
  then: (a: T, b: T) => number = () => 0
): (a: T, b: T) => number {
  return (a, b) => bandSeverity(band(a)) - bandSeverity(band(b)) || then(a, b) || name(a).localeCompare(name(b));
}

/** A band's colour in the theme; the disabled text colour for no data. */
export function bandColor(theme: GrafanaTheme2, band: Band): string {
  return band === 'nodata' ? theme.colors.text.disabled : theme.visualization.getColorByName(bandColorName[band]);
}

// Every tile of a grid asks for the same few colours.
const readable = new Map<string, string>();

/**
 * The colour, darkened (light theme) or lightened (dark theme) until text in it is readable on the
 * background: WCAG contrast 4.5, or 3 for large text.
 */
export function readableColor(theme: GrafanaTheme2, color: string, background: string, large = false): string {
  const key = `${color} ${background} ${large} ${theme.isDark}`;
  let c = readable.get(key);
  if (c === undefined) {
    c = adjust(theme, color, background, large ? 3 : 4.5);
    readable.set(key, c);
  }
  return c;
}

function adjust(theme: GrafanaTheme2, color: string, background: string, needed: number): string {
  let c = color;
  for (let i = 0; i < 12 && colorManipulator.getContrastRatio(c, background) < needed; i++) {
    c = theme.isDark ? colorManipulator.lighten(c, 0.12) : colorManipulator.darken(c, 0.12);
  }
  return c;
}
