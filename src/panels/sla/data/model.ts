import type { BreachSummary, SlaReport } from '../../../scoring';

export interface MonthCompliance {
  /** "2026-01" (UTC). */
  month: string;
  /** Percent; null when the month has no requests in the range. */
  availability: number | null;
  compliant: boolean | null;
  /** The range covers only part of the month. */
  partial: boolean;
}

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
}

export interface SlaView {
  source: 'prometheus' | 'perfscope';
  services: ServiceSla[];
  problems: string[];
}
