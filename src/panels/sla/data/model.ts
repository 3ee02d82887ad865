import type { BreachSummary, BudgetReport, MonthCompliance, SlaReport } from '../../../scoring';

/** One service's SLA at the end of the range, and how it got there. */
export interface ServiceSla {
  service: string;
  /** Availability, budget remaining, burn rates and tiers (the library's report). */
  report: SlaReport;
  /** Fraction (0..1) of requests under the latency threshold; null without data. */
  latencyCompliance: number | null;
  /** Error budget remaining (1 = untouched) per timestamp. */
  burnDown: { timestamps: ArrayLike<number>; values: ArrayLike<number> } | null;
  /** Breach intervals of the breach indicator and their mean length (ms); null without the queries. */
  mttr: BreachSummary | null;
  history: MonthCompliance[];
  /** The error-budget policy: budget spent, exhaustion per window, state; null when the datasource gave none. */
  budget: BudgetReport | null;
}

export interface SlaView {
  source: 'prometheus' | 'perfscope';
  services: ServiceSla[];
  problems: string[];
}
