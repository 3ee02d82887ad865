import type { PanelModel } from '@grafana/data';

import { isObject, oneOf, repairNested, stringRecord } from '../shared/migrate';
import { defaultOptions, type HealthScoreOptions, type IndicatorOverride } from './types';

/**
 * Repairs options written by hand (provisioned dashboards): unknown choices fall back to the default,
 * numbers written as strings become numbers; values that stay wrong are kept so the panel names them.
 */
export function migrateOptions(panel: PanelModel<Partial<HealthScoreOptions>>): Partial<HealthScoreOptions> {
  const o: Record<string, unknown> = isObject(panel.options) ? panel.options : {};
  return {
    ...o,
    display: oneOf(o.display, ['auto', 'single', 'grid', 'compact'], defaultOptions.display),
    colorBy: oneOf(o.colorBy, ['band', 'field'], defaultOptions.colorBy),
    sortBy: oneOf(o.sortBy, ['name', 'score'], defaultOptions.sortBy),
    aggregation: oneOf(o.aggregation, ['', 'weighted', 'worst'], ''),
    groupBy: typeof o.groupBy === 'string' && o.groupBy.trim() ? o.groupBy.trim() : defaultOptions.groupBy,
    indicatorQueries: stringRecord(o.indicatorQueries),
    indicatorOverrides: repairNested(o.indicatorOverrides) as Record<string, IndicatorOverride>,
  };
}
