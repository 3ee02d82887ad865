import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

export type QueryType = 'health' | 'domainOverhead' | 'sla' | 'mttr' | 'promql';

export interface PerfScopeQuery extends DataQuery {
  queryType?: QueryType;
  expr?: string;
}

export interface PerfScopeDataSourceOptions extends DataSourceJsonData {
  url?: string;
}
