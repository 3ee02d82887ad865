import type { Aggregation } from '../../scoring';

/** auto: one score, a grid when the queries return several services (or domains), compact when small. */
export type DisplayMode = 'auto' | 'single' | 'grid' | 'compact';

/** band: colour by the score's band; field: by the panel's standard thresholds and colour scheme. */
export type ColorBy = 'band' | 'field';

/** A panel's own thresholds for one indicator, over the app settings' (absent fields keep the app's). */
export interface IndicatorOverride {
  enabled?: boolean;
  target?: number;
  warning?: number;
  critical?: number;
  weight?: number;
  key?: boolean;
}

export interface HealthScoreOptions {
  display: DisplayMode;
  /** The label whose values are the grid's tiles: "service" or "domain" (or any label). */
  groupBy: string;
  /** Indicator id -> the refId (or series name) of the query that measures it; default: the id itself. */
  indicatorQueries: Record<string, string>;
  showTrend: boolean;
  showBreakdown: boolean;
  colorBy: ColorBy;
  /** Grid order: by name, or worst score first. */
  sortBy: 'name' | 'score';
  /** Overrides the app settings' aggregation for this panel; "" keeps the app's. */
  aggregation: Aggregation | '';
  indicatorOverrides: Record<string, IndicatorOverride>;
}

export const defaultOptions: HealthScoreOptions = {
  display: 'auto',
  groupBy: 'service',
  indicatorQueries: {},
  showTrend: true,
  showBreakdown: true,
  colorBy: 'band',
  sortBy: 'score',
  aggregation: '',
  indicatorOverrides: {},
};
