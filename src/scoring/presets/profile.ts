import { defaultProfile, domainQueries } from '../profile/defaults';
import type { Profile } from '../types';
import { catalogue, type HttpPreset, type Preset, type ResourcePreset } from './presetCatalogue';
import { httpQueries, resourceQueries, type BoundSpellings } from './queries';

/** What a profile is built from: the service label, and at most one HTTP and one resource preset. */
export interface PresetChoice {
  serviceLabel: string;
  http?: HttpPreset;
  resources?: ResourcePreset;
  /** The histogram's bounds as found on the server (in its unit), and how `le` spells them there. */
  buckets?: number[];
  spellings?: BoundSpellings;
}

export const presets: Preset[] = catalogue.presets;

export function presetById(id: string): Preset | undefined {
  return presets.find((p) => p.id === id);
}

/**
 * A copy of `base` whose every query comes from the chosen presets, grouped by the chosen service label: the
 * indicators, the SLA's error ratio and latency compliance, and the domains' queries. Indicators no preset
 * covers keep their query as it is.
 */
export function applyPresets(choice: PresetChoice, base: Profile = defaultProfile()): Profile {
  const label = choice.serviceLabel;
  const http =
    choice.http && httpQueries(choice.http, label, base.sla.latencyThreshold, choice.spellings, choice.buckets);
  const resources = choice.resources && resourceQueries(choice.resources, label);
  const queries: Record<string, string | undefined> = { ...http?.indicators, ...resources };
  return {
    ...base,
    serviceLabel: label,
    indicators: base.indicators.map((ind) =>
      queries[ind.id] === undefined ? ind : { ...ind, query: queries[ind.id]! }
    ),
    domains: {
      ...base.domains,
      ...domainQueries(label),
      ...(http ? { totalTimeQuery: http.totalTimeQuery } : {}),
    },
    sla: http
      ? { ...base.sla, errorRatioQuery: http.errorRatioQuery, latencyComplianceQuery: http.latencyComplianceQuery }
      : base.sla,
  };
}
