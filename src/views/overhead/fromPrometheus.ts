import {
  baselineOverhead,
  gridTimestamps,
  overheadReport,
  shareOverhead,
  systemOverhead,
  type DomainSettings,
  type Grid,
} from '../../scoring/index';
import { onGrid, resultGrid, type LabelledSeries } from '../../scoring/frames/index';
import { defaultQueries, type QueryRoleKey } from './roles';
import type { OverheadRow, OverheadView, ServiceOverhead } from './model';

const key = (s: LabelledSeries) => `${s.labels.service ?? ''}\u0000${s.labels.domain ?? ''}`;

/** Series of one query by (service, domain); a second series for the same labels is a problem. */
function byLabels(series: LabelledSeries[], refId: string, problems: string[]) {
  const out = new Map<string, LabelledSeries>();
  for (const s of series.filter((x) => x.refId === refId || x.name === refId)) {
    if (out.has(key(s))) {
      problems.push(
        `Query ${refId} returns several series for service="${s.labels.service ?? ''}", domain="${s.labels.domain ?? ''}"; aggregate it with sum by (service, domain)`
      );
      continue;
    }
    out.set(key(s), s);
  }
  return out;
}

/**
 * Each domain's overhead per timestamp: read as it is from an overhead query (the recorded
 * perfscope:domain_overhead), or from raw queries with the library's formula for the mode: share
 * (time in the domain over the service's total request time) or baseline (latency now against the same
 * query offset by the baseline); then each service's domains and system total banded at the last timestamp.
 */
export function overheadFromSeries(
  series: LabelledSeries[],
  settings: DomainSettings,
  queries: Partial<Record<QueryRoleKey, string>>,
  intervalMs?: number
): OverheadView {
  const role = (k: QueryRoleKey) => queries[k] || defaultQueries[k];
  const problems: string[] = [];
  const share = settings.mode === 'share';
  // Overhead already computed (PerfScope's recording rule perfscope:domain_overhead, in the profile's mode).
  const computed = byLabels(series, role('overhead'), problems);
  const precomputed = computed.size > 0;
  const parts = precomputed ? computed : byLabels(series, role(share ? 'domainTime' : 'domainLatency'), problems);
  const refs = precomputed ? new Map() : byLabels(series, role(share ? 'totalTime' : 'baseline'), problems);
  const grid = resultGrid([...parts.values(), ...refs.values()], intervalMs);
  if (!grid) {
    return { source: 'prometheus', mode: settings.mode, services: [], problems };
  }
  const perService = new Map<string, Map<string, Float64Array>>();
  for (const [k, part] of parts) {
    const service = part.labels.service ?? '';
    const domain = part.labels.domain ?? '';
    const ref = refs.get(share ? `${service}\u0000` : k);
    const overhead = precomputed
      ? Float64Array.from(onGrid(part, grid))
      : ref
        ? overheadColumn(part, ref, grid, share)
        : new Float64Array(grid.length).fill(NaN);
    const domains = perService.get(service) ?? new Map<string, Float64Array>();
    domains.set(domain, overhead);
    perService.set(service, domains);
  }
  const timestamps = gridTimestamps(grid);
  const services = [...perService.keys()]
    .sort()
    .map((service) => serviceRows(service, perService.get(service)!, settings, timestamps));
  return { source: 'prometheus', mode: settings.mode, services, problems };
}

function overheadColumn(part: LabelledSeries, ref: LabelledSeries, grid: Grid, share: boolean): Float64Array {
  const a = onGrid(part, grid);
  const b = onGrid(ref, grid);
  const formula = share ? shareOverhead : baselineOverhead;
  return Float64Array.from(a, (v, t) => formula(v, b[t]) ?? NaN);
}

/** A service's domains and system total: banded at the last timestamp, the system total summed per timestamp. */
function serviceRows(
  service: string,
  columns: Map<string, Float64Array>,
  settings: DomainSettings,
  timestamps: Float64Array
): ServiceOverhead {
  const last = timestamps.length - 1;
  const names = [...columns.keys()];
  const report = overheadReport(settings, Object.fromEntries(names.map((n) => [n, columns.get(n)![last]])));
  // The system total at every timestamp, summed in the report's order (by domain name).
  const sorted = report.domains.map((d) => columns.get(d.name)!);
  const at = new Float64Array(sorted.length);
  const system = Float64Array.from(timestamps, (_, t) => {
    sorted.forEach((column, i) => (at[i] = column[t]));
    return systemOverhead(at) ?? NaN;
  });
  const domains = report.domains.map((d): OverheadRow => ({
    ...d,
    trend: { timestamps, values: columns.get(d.name)! },
  }));
  return {
    service,
    domains,
    system: { name: 'System total', ...report.system, trend: { timestamps, values: system } },
  };
}
