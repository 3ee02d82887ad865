import { explainFor } from '../discovery/explain';
import type { PrometheusApi } from '../discovery/api';
import type { Profile } from '../scoring';
import type { MissingIndicator, ServiceReport } from './report';

/**
 * Every enabled indicator without data in each report, with why: the metric and label its query looked for.
 * One explanation per indicator (a few look-ups each), however many services miss it.
 */
export async function findMissing(
  api: PrometheusApi,
  profile: Profile,
  reports: ServiceReport[],
  at: number
): Promise<Map<ServiceReport, MissingIndicator[]>> {
  // Explained side by side, then listed in the profile's order of indicators.
  const explained = await Promise.all(
    profile.indicators.map(async (ind, i) => {
      const lacking = reports.filter((r) => r.indicators.some((x) => x.id === ind.id && x.value === null));
      if (!ind.enabled || lacking.length === 0) {
        return null;
      }
      const reason = await explainFor(
        api,
        ind.query,
        profile.serviceLabel,
        lacking.map((r) => r.service ?? ''),
        at
      );
      return { lacking, missing: { indicator: ind.id, key: ind.key, field: `indicators[${i}].query`, reason } };
    })
  );
  const out = new Map<ServiceReport, MissingIndicator[]>(reports.map((r) => [r, []]));
  for (const e of explained) {
    for (const r of e?.lacking ?? []) {
      out.get(r)!.push(e!.missing);
    }
  }
  return out;
}
