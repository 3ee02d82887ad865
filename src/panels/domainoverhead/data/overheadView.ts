import type { PanelData } from '@grafana/data';

import type { DomainSettings } from '../../../scoring';
import { numericSeries } from '../../../scoring/frames';
import type { DomainOverheadOptions } from '../types';
import { isPerfScopeOverhead, overheadFromPerfScope } from './fromPerfScope';
import { overheadFromSeries } from '../../../views/overhead/fromPrometheus';
import type { OverheadView } from '../../../views/overhead/model';

/** The overhead the panel shows: read from PerfScope datasource frames, or computed here from raw queries. */
export function overheadView(
  data: PanelData,
  settings: DomainSettings,
  options: Pick<DomainOverheadOptions, 'queries'>
): OverheadView {
  const series = numericSeries(data.series, data.timeRange.to.valueOf());
  if (isPerfScopeOverhead(data.series)) {
    return overheadFromPerfScope(data.series, series, settings);
  }
  return overheadFromSeries(series, settings, options.queries, data.request?.intervalMs);
}
