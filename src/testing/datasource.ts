import type { DataSourceInstanceSettings } from '@grafana/data';

import { PerfScopeDataSource } from '../datasource/datasource';
import type { PerfScopeDataSourceOptions } from '../datasource/types';

/** A datasource instance as Grafana creates it from saved settings, for tests. */
export const testDatasource = (jsonData: Record<string, unknown> = {}) =>
  new PerfScopeDataSource({
    id: 1,
    uid: 'ps',
    name: 'PerfScope',
    type: 'perfscope-health-datasource',
    jsonData,
  } as unknown as DataSourceInstanceSettings<PerfScopeDataSourceOptions>);
