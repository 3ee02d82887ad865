import type { PanelModel } from '@grafana/data';

import { isObject, oneOf, repairScalar, stringRecord } from '../shared/migrate';
import { defaultOptions, type SlaOptions, type SlaOverrides } from './types';

/** Repairs options written by hand (provisioned dashboards); values that stay wrong are kept for the panel to name. */
export function migrateOptions(panel: PanelModel<Partial<SlaOptions>>): Partial<SlaOptions> {
  const o: Record<string, unknown> = isObject(panel.options) ? panel.options : {};
  const sla = isObject(o.sla) ? o.sla : {};
  return {
    ...o,
    colorBy: oneOf(o.colorBy, ['band', 'field'], defaultOptions.colorBy),
    queries: stringRecord(o.queries),
    service: typeof o.service === 'string' ? o.service : defaultOptions.service,
    sla: {
      ...sla,
      ...(sla.target !== undefined && { target: repairScalar(sla.target) }),
      ...(sla.latencyTarget !== undefined && { latencyTarget: repairScalar(sla.latencyTarget) }),
    } as SlaOverrides,
  };
}
