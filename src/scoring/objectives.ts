import { parseDuration } from './duration';
import { hasData } from './subscore';
import type { SlaSettings } from './types';

/** The SLA's objectives, each met when its value reaches its threshold. */
export type Objective = 'availability' | 'budget' | 'latency' | 'mttr';

/**
 * The value at which an objective is met, in the unit of its value: availability (%) at the target, budget
 * remaining (fraction) at 0, latency compliance (fraction of requests) at latencyTarget / 100, MTTR (ms) at
 * the MTTR target. Null when that target is absent or (MTTR) not a duration.
 */
export function objectiveThreshold(objective: Objective, sla: ObjectiveTargets): number | null {
  switch (objective) {
    case 'availability':
      return sla.target ?? null;
    case 'budget':
      return 0;
    case 'latency':
      return sla.latencyTarget === undefined ? null : sla.latencyTarget / 100;
    case 'mttr':
      return parseDuration(sla.mttrTarget);
  }
}

/** The SLA fields objectives are judged against; an objective whose field is absent is unknown. */
export type ObjectiveTargets = Partial<Pick<SlaSettings, 'target' | 'latencyTarget' | 'mttrTarget'>>;

/**
 * Whether an objective is met: availability, budget and latency compliance at or above their threshold, MTTR at
 * or below it. Null when the value has no data or the threshold is unknown (never met, never missed).
 */
export function objectiveMet(
  objective: Objective,
  value: number | null | undefined,
  sla: ObjectiveTargets
): boolean | null {
  const threshold = objectiveThreshold(objective, sla);
  if (!hasData(value) || threshold === null) {
    return null;
  }
  return objective === 'mttr' ? value <= threshold : value >= threshold;
}
