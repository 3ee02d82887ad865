import type { PanelModel } from '@grafana/data';

import { isObject, oneOf, repairNested, repairScalar, stringRecord } from '../shared/migrate';
import { defaultOptions, type DomainOverheadOptions, type DomainThresholdOverrides } from './types';

const repairThresholds = (value: unknown) =>
  isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, repairScalar(v)])) : undefined;

/** Repairs options written by hand (provisioned dashboards); values that stay wrong are kept for the panel to name. */
export function migrateOptions(panel: PanelModel<Partial<DomainOverheadOptions>>): Partial<DomainOverheadOptions> {
  const o: Record<string, unknown> = isObject(panel.options) ? panel.options : {};
  const t = isObject(o.thresholds) ? o.thresholds : {};
  const thresholds: Record<string, unknown> = { ...t };
  for (const group of ['defaults', 'system'] as const) {
    if (t[group] !== undefined) {
      thresholds[group] = repairThresholds(t[group]) ?? t[group];
    }
  }
  if (t.domains !== undefined) {
    thresholds.domains = repairNested(t.domains);
  }
  return {
    ...o,
    mode: oneOf(o.mode, ['', 'share', 'baseline'], defaultOptions.mode),
    sortBy: oneOf(o.sortBy, ['overhead', 'band', 'name'], defaultOptions.sortBy),
    colorBy: oneOf(o.colorBy, ['band', 'field'], defaultOptions.colorBy),
    queries: stringRecord(o.queries),
    thresholds: thresholds as DomainThresholdOverrides,
  };
}
