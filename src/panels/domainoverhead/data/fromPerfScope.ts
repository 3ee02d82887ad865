import type { DataFrame } from '@grafana/data';

import { bandOf, domainThresholds, type Band, type DomainSettings } from '../../../scoring';
import type { LabelledSeries } from '../../../scoring/frames';
import { findTable } from '../../shared/data/table';
import type { OverheadRow, OverheadView, ServiceOverhead, Trend } from '../../../views/overhead/model';

// The frames of the PerfScope datasource's domainOverhead query (pkg/plugin/query_domain_overhead.go).
const LATEST = 'Latest overhead';
const SYSTEM_ROW = 'System total';

/** Whether the frames come from the PerfScope datasource's domain overhead query (already computed). */
export const isPerfScopeOverhead = (frames: DataFrame[]) =>
  frames.some(
    (f) => f.name === LATEST || f.fields.some((x) => x.name === 'System overhead' && x.labels?.service !== undefined)
  );

const bands: Band[] = ['ok', 'info', 'warning', 'critical', 'nodata'];

/** Reads the overhead the PerfScope datasource computed: latest values and bands, and each series' trend. */
export function overheadFromPerfScope(
  frames: DataFrame[],
  series: LabelledSeries[],
  settings: DomainSettings
): OverheadView {
  const trends = new Map<string, Trend>();
  for (const s of series) {
    if (s.field.name === 'Overhead' || s.field.name === 'System overhead') {
      const domain = s.field.name === 'Overhead' ? (s.labels.domain ?? '') : SYSTEM_ROW;
      trends.set(`${s.labels.service ?? ''}\u0000${domain}`, { timestamps: s.timestamps, values: s.values });
    }
  }
  const latest = findTable(frames, LATEST, ['Service', 'Domain', 'Overhead', 'Band']);
  const services = new Map<string, ServiceOverhead>();
  for (let row = 0; latest && row < latest.length; row++) {
    const service = latest.string('Service', row);
    const name = latest.string('Domain', row);
    const value = latest.number('Overhead', row);
    const overhead = Number.isFinite(value) ? value : null;
    const text = latest.string('Band', row);
    const entry: OverheadRow = {
      name,
      overhead,
      band: bands.includes(text as Band) ? (text as Band) : bandOf(null),
      thresholds: name === SYSTEM_ROW ? settings.system : domainThresholds(settings, name),
      trend: trends.get(`${service}\u0000${name}`) ?? null,
    };
    const s = services.get(service) ?? { service, domains: [], system: { ...entry, overhead: null, band: 'nodata' } };
    if (name === SYSTEM_ROW) {
      s.system = entry;
    } else {
      s.domains.push(entry);
    }
    services.set(service, s);
  }
  return { source: 'perfscope', mode: settings.mode, services: [...services.values()], problems: [] };
}
