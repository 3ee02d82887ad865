import { objectiveMet, parseDuration, type Band, type SlaSettings } from '../../../scoring';
import type { ServiceSla } from './model';

/** Met (ok), missed (critical) or unknown (nodata): how the SLA panel bands each objective. */
const met = (ok: boolean | null): Band => (ok === null ? 'nodata' : ok ? 'ok' : 'critical');

export interface SlaStatus {
  availability: Band;
  budget: Band;
  latency: Band;
  mttr: Band;
  mttrTargetMs: number | null;
}

/** Each objective of a service against its target. */
export function slaStatus(s: ServiceSla, sla: SlaSettings): SlaStatus {
  const { availability, budgetRemaining } = s.report;
  const mttrTargetMs = parseDuration(sla.mttrTarget);
  const mttr = s.mttr?.mttr ?? null;
  return {
    availability: met(objectiveMet('availability', availability, sla)),
    budget: met(objectiveMet('budget', budgetRemaining, sla)),
    latency: met(objectiveMet('latency', s.latencyCompliance, sla)),
    mttr: met(objectiveMet('mttr', mttr, sla)),
    mttrTargetMs,
  };
}

/** The service to show first: the chosen one, else the one with the least budget left. */
export function firstService(services: ServiceSla[], chosen: string): string | undefined {
  if (services.some((s) => s.service === chosen)) {
    return chosen;
  }
  const budget = (s: ServiceSla) => s.report.budgetRemaining ?? Infinity;
  return [...services].sort((a, b) => budget(a) - budget(b) || a.service.localeCompare(b.service))[0]?.service;
}
