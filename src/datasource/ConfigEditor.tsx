import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';

import type { PerfScopeDataSourceOptions } from './types';

export function ConfigEditor(_props: DataSourcePluginOptionsEditorProps<PerfScopeDataSourceOptions>) {
  return <p>Prometheus-compatible URL and scoring profile.</p>;
}
