/** What each query of the domain overhead panel measures (stock Prometheus datasource). */
export type QueryRoleKey = 'overhead' | 'domainTime' | 'totalTime' | 'domainLatency' | 'baseline';

/** The refIds each role's query has by default. */
export const defaultQueries: Record<QueryRoleKey, string> = {
  overhead: 'domain_overhead',
  domainTime: 'domain_time',
  totalTime: 'total_time',
  domainLatency: 'domain_latency',
  baseline: 'domain_baseline',
};
