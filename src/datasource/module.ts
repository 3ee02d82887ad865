import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './ConfigEditor';
import { PerfScopeDataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import type { PerfScopeDataSourceOptions, PerfScopeQuery } from './types';

export const plugin = new DataSourcePlugin<PerfScopeDataSource, PerfScopeQuery, PerfScopeDataSourceOptions>(
  PerfScopeDataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
