import type { ColorBy } from '../healthscore/types';

/** What each query of the panel measures (stock Prometheus datasource). */
export type SlaRole = 'period' | 'windows' | 'latency' | 'errors' | 'requests';

export interface SlaOverrides {
  /** Percent, e.g. 99.9. */
  target?: number;
  /** "30d" (rolling) or "month" (calendar month). */
  period?: string;
  mttrTarget?: string;
  /** Percent of requests under the latency threshold. */
  latencyTarget?: number;
}

export interface SlaOptions {
  queries: Partial<Record<SlaRole, string>>;
  /** The service shown first when the queries return several; "" shows the one with the least budget left. */
  service: string;
  /** The indicator whose critical band is a breach for MTTR (errors / requests, in percent). */
  breachIndicator: string;
  showBurnDown: boolean;
  showTiers: boolean;
  showHistory: boolean;
  colorBy: ColorBy;
  sla: SlaOverrides;
}

export const defaultQueries: Record<SlaRole, string> = {
  period: 'period',
  windows: 'windows',
  latency: 'latency',
  errors: 'errors',
  requests: 'requests',
};

export const defaultOptions: SlaOptions = {
  queries: {},
  service: '',
  breachIndicator: 'error_rate',
  showBurnDown: true,
  showTiers: true,
  showHistory: true,
  colorBy: 'band',
  sla: {},
};
