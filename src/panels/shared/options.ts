import type { ColorBy } from '../healthscore/types';

/** The "Colour" option every PerfScope panel has: bands, or the standard field config. */
export const colorByOption = (what: string) => ({
  path: 'colorBy',
  name: 'Colour',
  description: `${what}, or the standard thresholds and colour scheme of the panel's field config.`,
  defaultValue: 'band' as ColorBy,
  settings: {
    options: [
      { value: 'band' as ColorBy, label: 'Band' },
      { value: 'field' as ColorBy, label: 'Field config' },
    ],
  },
});
