import {
  gate,
  healthScore,
  overheadReport,
  slaReport,
  type Band,
  type ErrorRatios,
  type HealthScore,
  type IndicatorScore,
  type Profile,
  type Severity,
} from '../scoring';

/** What one service measures: the inputs of a report, from a values file or from Prometheus. */
export interface Measurements {
  indicators: Record<string, number | null | undefined>;
  /** Overhead percent per domain. */
  domains: Record<string, number | null | undefined>;
  errorRatios: ErrorRatios;
  /** Fraction (0..1) of requests under the latency threshold over the SLA period. */
  latencyCompliance?: number | null;
}

/** The `--json` shape (see the CLI section of the README); numbers at full precision. */
export interface ServiceReport {
  service?: string;
  score: number | null;
  band: Band;
  cappedBy: string | null;
  indicators: IndicatorScore[];
  domains: Array<{ name: string; overhead: number | null; band: Band }>;
  system: { overhead: number | null; band: Band };
  sla: {
    target: number;
    period: string;
    availability: number | null;
    budgetRemaining: number | null;
    burnRates: Record<string, number | null>;
    tiers: Array<{
      name: string;
      factor: number;
      firing: boolean;
      severity: Severity;
      longWindow: string;
      shortWindow: string;
    }>;
    /** Fraction (0..1) of requests under the latency threshold over the period, and the percent wanted. */
    latencyCompliance?: number | null;
    latencyTarget: number;
  };
  /** Enabled indicators without data, each with why (the metric and label looked for); only from `check`. */
  missing?: MissingIndicator[];
}

export interface MissingIndicator {
  indicator: string;
  key: boolean;
  /** The profile field of its query. */
  field: string;
  reason: string;
}

export function buildReport(profile: Profile, m: Measurements, at: number, service?: string): ServiceReport {
  const health: HealthScore = healthScore(profile, m.indicators);
  const overhead = overheadReport(profile.domains, m.domains);
  const sla = slaReport(profile.sla, m.errorRatios, at);
  return {
    ...(service === undefined ? {} : { service }),
    score: health.score,
    band: health.band,
    cappedBy: health.cappedBy,
    indicators: health.indicators,
    domains: overhead.domains.map(({ name, overhead: value, band }) => ({ name, overhead: value, band })),
    system: { overhead: overhead.system.overhead, band: overhead.system.band },
    sla: {
      target: profile.sla.target,
      period: profile.sla.period,
      availability: sla.availability,
      budgetRemaining: sla.budgetRemaining,
      burnRates: sla.burnRates,
      tiers: sla.tiers.map(({ name, factor, firing, severity, longWindow, shortWindow }) => ({
        name,
        factor,
        firing,
        severity,
        longWindow,
        shortWindow,
      })),
      ...(m.latencyCompliance === undefined ? {} : { latencyCompliance: m.latencyCompliance }),
      latencyTarget: profile.sla.latencyTarget,
    },
  };
}

/**
 * Why a report fails the gate (the library's gate, in words); empty when it passes: score >= minScore, no key
 * indicator critical and, unless missing data is allowed, a score and every key indicator with data.
 */
export function gateFailures(report: ServiceReport, minScore: number, allowMissing = false): string[] {
  const who = report.service === undefined ? '' : `${report.service}: `;
  const keys = report.indicators.filter((i) => i.key).map((i) => ({ id: i.id, subScore: i.subScore }));
  const verdict = gate({ score: report.score, keys }, { minScore, allowMissing });
  const failures: string[] = [];
  if (verdict.noScore) {
    failures.push(`${who}no score: none of the indicators that make it up has data`);
  } else if (verdict.belowMinScore) {
    failures.push(`${who}score ${report.score!.toFixed(1)} is below --min-score ${minScore}`);
  }
  const critical = verdict.criticalKeys;
  if (critical.length > 0) {
    failures.push(`${who}key indicator${critical.length > 1 ? 's' : ''} ${critical.join(', ')} critical`);
  }
  for (const id of verdict.missingKeys) {
    const m = report.missing?.find((x) => x.indicator === id);
    failures.push(`${who}key indicator ${id} has no data${m ? `: ${m.field}: ${m.reason}` : ''}`);
  }
  return failures;
}
