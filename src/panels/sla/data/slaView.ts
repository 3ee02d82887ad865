import type { PanelData } from '@grafana/data';

import type { Indicator, SlaSettings } from '../../../scoring';
import { numericSeries } from '../../../scoring/frames';
import { defaultQueries, type SlaOptions, type SlaRole } from '../types';
import { fromRates, slaFromSeries } from './fromPrometheus';
import { isPerfScopeSla, slaFromPerfScope } from './fromPerfScope';
import type { SlaView } from './model';

/**
 * The SLA the panel shows: from PerfScope datasource frames (the calendar-month history, and a calendar-month
 * period's burn-down, then come from request and error rate queries beside it, if any), or computed here from
 * raw queries.
 */
export function slaView(
  data: PanelData,
  sla: SlaSettings,
  breach: Indicator | undefined,
  options: Pick<SlaOptions, 'queries'>
): SlaView {
  const range = { from: data.timeRange.from.valueOf(), to: data.timeRange.to.valueOf() };
  const series = numericSeries(data.series, range.to);
  if (!isPerfScopeSla(data.series)) {
    return slaFromSeries(series, sla, breach, options.queries, range);
  }
  const role = (r: SlaRole) => {
    const id = options.queries[r] || defaultQueries[r];
    return new Map(series.filter((s) => s.refId === id || s.name === id).map((s) => [s.labels.service ?? '', s]));
  };
  const errors = role('errors');
  const requests = role('requests');
  return slaFromPerfScope(data.series, series, sla.period === 'month', (service) =>
    fromRates(errors.get(service), requests.get(service), sla, breach, range.from)
  );
}
