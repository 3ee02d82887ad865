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
  const out = new Map<ServiceReport, MissingIndicator[]>(reports.map((r) => [r, []]));
  await Promise.all(
    profile.indicators.map(async (ind, i) => {
      const lacking = reports.filter((r) => r.indicators.some((x) => x.id === ind.id && x.value === null));
      if (!ind.enabled || lacking.length === 0) {
        return;
      }
      const names = lacking.map((r) => r.service ?? '');
      const reason = await explainFor(api, ind.query, profile.serviceLabel, names, at);
      for (const r of lacking) {
        out.get(r)!.push({ indicator: ind.id, key: ind.key, field: `indicators[${i}].query`, reason });
      }
    })
  );
  for (const list of out.values()) {
    list.sort(
      (a, b) =>
        profile.indicators.findIndex((x) => x.id === a.indicator) -
        profile.indicators.findIndex((x) => x.id === b.indicator)
    );
  }
  return out;
}
