import type { Band, Objective } from '../../../scoring';
import type { ComputedValue } from '../../../views/display';
import type { ServiceSla } from './model';
import type { SlaStatus } from './status';

/** The names field overrides match the objectives by. */
export const OBJECTIVE_NAMES: Record<Objective, string> = {
  availability: 'Availability',
  budget: 'Error budget remaining',
  latency: 'Latency SLO compliance',
  mttr: 'MTTR',
};

// Budget and latency compliance are percentages as availability is: they take its unit and decimals, not its
// thresholds (meant for availability). MTTR is a duration as Grafana writes one (unit dtdurationms: "15 minutes";
// decimals there count the units after the first, decimals 1 giving "2 hours, 3 minutes"), so it takes nothing
// from the defaults, meant for the percentages. Overrides by name apply to each.
const PERCENT = ['unit', 'decimals'];
const DURATION: string[] = [];

/** The SLA panel's objectives as values the standard field config formats, each named as overrides match it. */
export function objectiveValues(s: ServiceSla, status: SlaStatus): Array<ComputedValue & { band: Band }> {
  const labels: Record<string, string> = s.service ? { service: s.service } : {};
  const percent = (v: number | null) => (v === null ? null : 100 * v);
  return [
    {
      key: 'availability',
      name: OBJECTIVE_NAMES.availability,
      labels,
      value: s.report.availability,
      band: status.availability,
    },
    {
      key: 'budget',
      name: OBJECTIVE_NAMES.budget,
      labels,
      value: percent(s.report.budgetRemaining),
      band: status.budget,
      own: { unit: 'percent', decimals: 1 },
      fromDefaults: PERCENT,
    },
    {
      key: 'latency',
      name: OBJECTIVE_NAMES.latency,
      labels,
      value: percent(s.latencyCompliance),
      band: status.latency,
      own: { unit: 'percent', decimals: 2 },
      fromDefaults: PERCENT,
    },
    {
      key: 'mttr',
      name: OBJECTIVE_NAMES.mttr,
      labels,
      value: s.mttr?.mttr ?? null,
      band: status.mttr,
      own: { unit: 'dtdurationms' },
      fromDefaults: DURATION,
    },
  ];
}
