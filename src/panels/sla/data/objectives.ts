import type { Band } from '../../../scoring';
import type { ComputedValue } from '../../shared/data/display';
import type { ServiceSla } from './model';
import type { SlaStatus } from './status';

export type ObjectiveKey = 'availability' | 'budget' | 'latency' | 'mttr';

// Budget and latency compliance are percentages as availability is: they take its unit and decimals, not its
// thresholds (meant for availability). MTTR is a duration: only the decimals. Overrides by name apply to each.
const PERCENT = ['unit', 'decimals'];
const DURATION = ['decimals'];

/** The SLA panel's objectives as values the standard field config formats, each named as overrides match it. */
export function objectiveValues(s: ServiceSla, status: SlaStatus): Array<ComputedValue & { band: Band }> {
  const labels: Record<string, string> = s.service ? { service: s.service } : {};
  const percent = (v: number | null) => (v === null ? null : 100 * v);
  return [
    { key: 'availability', name: 'Availability', labels, value: s.report.availability, band: status.availability },
    {
      key: 'budget',
      name: 'Error budget remaining',
      labels,
      value: percent(s.report.budgetRemaining),
      band: status.budget,
      own: { unit: 'percent', decimals: 1 },
      fromDefaults: PERCENT,
    },
    {
      key: 'latency',
      name: 'Latency SLO compliance',
      labels,
      value: percent(s.latencyCompliance),
      band: status.latency,
      own: { unit: 'percent', decimals: 2 },
      fromDefaults: PERCENT,
    },
    {
      key: 'mttr',
      name: 'MTTR',
      labels,
      value: s.mttr?.mttr ?? null,
      band: status.mttr,
      own: { unit: 'ms' },
      fromDefaults: DURATION,
    },
  ];
}
