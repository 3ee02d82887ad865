import type { Profile } from '../../scoring';
import { overheadFromSeries } from '../../views/overhead/fromPrometheus';
import type { OverheadRow, OverheadView } from '../../views/overhead/model';
import { healthFromSeries } from '../../views/health/fromPrometheus';
import type { HealthView } from '../../views/health/model';
import { numericSeries } from '../../scoring/frames';
import type { QueryResult } from '../shared/queries';
import { portfolioFrom, type PortfolioTile } from './portfolio';

/** One domain across services: where its overhead is largest. */
export interface DomainSummary extends OverheadRow {
  service: string;
  services: number;
}

export interface Overview {
  health: HealthView;
  overhead: OverheadView;
  domains: DomainSummary[];
  /** The profile's groups (none when it has no groups). */
  portfolio: PortfolioTile[];
}

/** Every service's health and every domain's worst overhead, scored with the library as the panels do. */
export function overviewFrom(result: QueryResult, profile: Profile): Overview {
  const series = numericSeries(result.frames, result.timeRange.to.valueOf());
  const health = healthFromSeries(series, profile, {
    indicatorQueries: {},
    groupBy: profile.serviceLabel,
    intervalMs: result.intervalMs,
  });
  const overhead = overheadFromSeries(series, profile.domains, {}, result.intervalMs);
  const byDomain = new Map<string, DomainSummary>();
  for (const s of overhead.services) {
    for (const d of s.domains) {
      const seen = byDomain.get(d.name);
      const count = (seen?.services ?? 0) + 1;
      if (!seen || (d.overhead ?? -Infinity) > (seen.overhead ?? -Infinity)) {
        byDomain.set(d.name, { ...d, service: s.service, services: count });
      } else {
        seen.services = count;
      }
    }
  }
  const domains = [...byDomain.values()].sort(
    (a, b) => (b.overhead ?? -1) - (a.overhead ?? -1) || a.name.localeCompare(b.name)
  );
  return { health, overhead, domains, portfolio: portfolioFrom(profile, health.groups) };
}
