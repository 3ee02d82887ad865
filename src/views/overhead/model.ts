import type { Band, DomainMode, Thresholds } from '../../scoring/index';

export interface Trend {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** One domain's (or the system total's) overhead at the end of the range, banded, and over the range. */
export interface OverheadRow {
  name: string;
  /** Percent; null without data. */
  overhead: number | null;
  band: Band;
  thresholds: Thresholds;
  trend: Trend | null;
}

export interface ServiceOverhead {
  /** The service label's value; "" when the series have none. */
  service: string;
  domains: OverheadRow[];
  system: OverheadRow;
}

export interface OverheadView {
  source: 'prometheus' | 'perfscope';
  mode: DomainMode;
  services: ServiceOverhead[];
  /** Data the panel could not use, each naming the query and the label values. */
  problems: string[];
}
