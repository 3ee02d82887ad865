import type { HealthScore } from '../../scoring/index';

/** One service's (or domain's) health: now, and over the time range. */
export interface GroupHealth {
  /** The grouping label's value; "" when the series have no such label. */
  name: string;
  /** At the last timestamp of the range. */
  health: HealthScore;
  /** Score per timestamp (NaN for no data); null when only the latest score is known. */
  trend: { timestamps: ArrayLike<number>; score: ArrayLike<number> } | null;
}

export interface HealthView {
  /** prometheus: scored here from raw indicator queries; perfscope: scored by the PerfScope datasource. */
  source: 'prometheus' | 'perfscope';
  groups: GroupHealth[];
  /** Queries that feed no indicator, so that a mistyped mapping does not go unnoticed. */
  unusedQueries: string[];
  /** Data the panel could not use, each naming the query and the label values. */
  problems: string[];
}
