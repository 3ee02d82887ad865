import type { PanelData } from '@grafana/data';

import type { Profile } from '../../../scoring';
import { numericSeries } from '../../../scoring/frames';
import type { HealthScoreOptions } from '../types';
import { healthFromPerfScope, isPerfScopeHealth } from './fromPerfScope';
import { healthFromSeries } from '../../../views/health/fromPrometheus';
import type { HealthView } from '../../../views/health/model';

/** The health the panel shows: read from PerfScope datasource frames, or scored here from raw queries. */
export function healthView(
  data: PanelData,
  profile: Profile,
  options: Pick<HealthScoreOptions, 'indicatorQueries' | 'groupBy'>
): HealthView {
  const series = numericSeries(data.series, data.timeRange.to.valueOf());
  if (isPerfScopeHealth(data.series)) {
    return healthFromPerfScope(data.series, series, profile);
  }
  return healthFromSeries(series, profile, { ...options, intervalMs: data.request?.intervalMs });
}
