import { bandOf } from './bands';
import { hasData, subScore } from './subscore';
import type { Band, DomainSettings, Thresholds } from './types';

export interface DomainOverhead {
  name: string;
  /** Percent; null without data. */
  overhead: number | null;
  subScore: number | null;
  band: Band;
  thresholds: Thresholds;
}

export interface OverheadReport {
  /** Sorted by domain name. */
  domains: DomainOverhead[];
  /** The sum over the domains, banded with the system thresholds; null when any domain has no data. */
  system: { overhead: number | null; subScore: number | null; band: Band; thresholds: Thresholds };
}

/** 100 x part / whole; null without data or when whole is not positive. */
function percentOf(part: number | null | undefined, whole: number | null | undefined): number | null {
  return hasData(part) && hasData(whole) && whole > 0 ? (100 * part) / whole : null;
}

/** Share mode: percent of the service's request time spent in the domain. */
export const shareOverhead = (domainTime: number | null | undefined, totalTime: number | null | undefined) =>
  percentOf(domainTime, totalTime);

/** Baseline mode: percent by which the domain's latency grew since the baseline. */
export const baselineOverhead = (latency: number | null | undefined, baseline: number | null | undefined) =>
  hasData(latency) && hasData(baseline) ? percentOf(latency - baseline, baseline) : null;

export const domainThresholds = (
  settings: Pick<DomainSettings, 'defaults' | 'overrides'>,
  domain: string
): Thresholds =>
  Object.prototype.hasOwnProperty.call(settings.overrides, domain) ? settings.overrides[domain] : settings.defaults;

/**
 * The system total: the domains' overheads summed in the order given (overheadReport's: by domain name, so
 * that every caller adds them alike). A domain without data would count as no overhead at all: the total is
 * unknown then (null), never healthy; so is the total of no domain.
 */
export function systemOverhead(overheads: ArrayLike<number | null | undefined>): number | null {
  let total = 0;
  for (let i = 0; i < overheads.length; i++) {
    const v = overheads[i];
    if (!hasData(v)) {
      return null;
    }
    total += v;
  }
  return overheads.length > 0 ? total : null;
}

/** Bands each domain's overhead with its own thresholds and the system total with the system thresholds. */
export function overheadReport(
  settings: Pick<DomainSettings, 'defaults' | 'overrides' | 'system'>,
  overheads: Record<string, number | null | undefined>
): OverheadReport {
  const domains = Object.keys(overheads)
    .sort()
    .map((name): DomainOverhead => {
      const value = overheads[name];
      const thresholds = domainThresholds(settings, name);
      const s = subScore(value, thresholds);
      return { name, overhead: hasData(value) ? value : null, subScore: s, band: bandOf(s), thresholds };
    });
  const total = systemOverhead(domains.map((d) => d.overhead));
  const s = subScore(total, settings.system);
  return { domains, system: { overhead: total, subScore: s, band: bandOf(s), thresholds: settings.system } };
}
