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
