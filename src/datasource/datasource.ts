import type { DataSourceInstanceSettings } from '@grafana/data';
import { DataSourceWithBackend } from '@grafana/runtime';

import type { PerfScopeDataSourceOptions, PerfScopeQuery } from './types';

export class PerfScopeDataSource extends DataSourceWithBackend<PerfScopeQuery, PerfScopeDataSourceOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<PerfScopeDataSourceOptions>) {
    super(instanceSettings);
  }
}
