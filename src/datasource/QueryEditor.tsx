import React from 'react';
import type { QueryEditorProps } from '@grafana/data';

import type { PerfScopeDataSource } from './datasource';
import type { PerfScopeDataSourceOptions, PerfScopeQuery } from './types';

export function QueryEditor(_props: QueryEditorProps<PerfScopeDataSource, PerfScopeQuery, PerfScopeDataSourceOptions>) {
  return <p>Query type</p>;
}
