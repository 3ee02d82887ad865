// Every panel state the gallery shows, the browser test checks and a person can look at (npm run gallery).
// Plain data: the page renders it, the test reads what each case must show.
import type { RecordingName } from '../../../src/testing/recordings';

export type PanelName = 'healthscore' | 'domainoverhead' | 'sla';

export interface GalleryCase {
  id: string;
  panel: PanelName;
  title: string;
  recording?: RecordingName;
  /** Only these queries' frames. */
  refIds?: string[];
  /** Only the frames of this service (a dashboard filtered by $service). */
  service?: string;
  state?: 'loading' | 'nodata' | 'error';
  options?: Record<string, unknown>;
  /** Text the panel shows at every size. */
  shows: string[];
  /** Text it shows when there is room (every size but the small). */
  showsWhenRoomy?: string[];
  /** Text that is in view without scrolling when there is room (a table's last row and column). */
  inViewWhenRoomy?: string[];
}

export const sizes = {
  small: { width: 150, height: 100 },
  medium: { width: 420, height: 300 },
  large: { width: 800, height: 520 },
  xlarge: { width: 1600, height: 900 },
};

export type SizeName = keyof typeof sizes;
export const themes = ['light', 'dark'] as const;

export const cases: GalleryCase[] = [
  {
    id: 'health-incident',
    panel: 'healthscore',
    title: 'Health: one service in an incident (Prometheus queries)',
    recording: 'health.prometheus',
    service: 'incident',
    shows: ['10', 'Critical'],
    showsWhenRoomy: ['Error rate', 'caps the score', 'capped at 10 by the key indicator Error rate'],
    inViewWhenRoomy: ['Weight', 'Availability'],
  },
  {
    id: 'health-grid',
    panel: 'healthscore',
    title: 'Health: one tile per service (Prometheus queries)',
    recording: 'health.prometheus',
    shows: ['incident', 'budget-burn', 'healthy'],
    showsWhenRoomy: ['81', 'Critical'],
  },
  {
    id: 'health-perfscope',
    panel: 'healthscore',
    title: 'Health: scored by the PerfScope datasource',
    recording: 'health.perfscope',
    shows: ['incident', 'degraded'],
    showsWhenRoomy: ['85', '100'],
  },
  {
    id: 'health-partial',
    panel: 'healthscore',
    title: 'Health: error rate missing',
    recording: 'health.prometheus',
    refIds: ['latency_p95', 'cpu', 'memory', 'availability'],
    service: 'incident',
    shows: ['30', 'Critical'],
    showsWhenRoomy: ['No data for Error rate (incident): not counted in the score'],
  },
  {
    id: 'health-grid-partial',
    panel: 'healthscore',
    title: 'Health: one tile per service, CPU missing (each tile marked)',
    recording: 'health.prometheus',
    refIds: ['latency_p95', 'error_rate', 'memory', 'availability'],
    shows: ['incident', 'budget-burn'],
    showsWhenRoomy: ['No data for CPU (incident, budget-burn'],
  },
  { id: 'health-loading', panel: 'healthscore', title: 'Health: loading', state: 'loading', shows: ['Loading health'] },
  {
    id: 'health-nodata',
    panel: 'healthscore',
    title: 'Health: no data',
    state: 'nodata',
    shows: ['No data'],
    showsWhenRoomy: ['Queries are matched to indicators by refId or series name'],
  },
  {
    id: 'health-error',
    panel: 'healthscore',
    title: 'Health: query error',
    state: 'error',
    shows: ['The queries failed'],
    showsWhenRoomy: ['Query A: bad_data: 1:5: parse error'],
  },
  {
    id: 'overhead-service',
    panel: 'domainoverhead',
    title: 'Domain overhead: one service, one domain per band',
    recording: 'domainoverhead.prometheus',
    service: 'domain-overhead',
    shows: ['quality_validation', '6.00%', 'Critical', '13.75%'],
    showsWhenRoomy: ['against its target of 4.70%'],
  },
  {
    id: 'overhead-perfscope',
    panel: 'domainoverhead',
    title: 'Domain overhead: every service (PerfScope datasource)',
    recording: 'domainoverhead.perfscope',
    options: { sortBy: 'band' },
    shows: ['budget-burn', 'incident', 'quality_validation'],
  },
  {
    id: 'overhead-baseline',
    panel: 'domainoverhead',
    title: 'Domain overhead: against last week (baseline mode)',
    recording: 'domainoverhead.prometheus',
    service: 'domain-overhead',
    options: { mode: 'baseline' },
    shows: ['50.00%', '25.00%'],
  },
  {
    id: 'overhead-nodata',
    panel: 'domainoverhead',
    title: 'Domain overhead: no data',
    state: 'nodata',
    shows: ['No data'],
    showsWhenRoomy: ['domain_time and total_time'],
  },
  {
    id: 'sla-incident',
    panel: 'sla',
    title: 'SLA: the incident (Prometheus queries)',
    recording: 'sla.prometheus',
    service: 'incident',
    // Small: the worst objective (the missed MTTR) and the firing tier, not a met availability alone.
    shows: ['fast-burn firing', 'MTTR', '15 minutes', 'Critical'],
    showsWhenRoomy: ['99.947%', '46.615%', 'Firing', 'Error budget remaining over the time range'],
  },
  {
    id: 'sla-perfscope',
    panel: 'sla',
    title: 'SLA: every service, the least budget first (PerfScope datasource)',
    recording: 'sla.perfscope',
    // Small: the least budget's service by name, with its worst objective.
    shows: ['degraded', 'Critical'],
    showsWhenRoomy: ['Error budget overspent by', '150.000%', 'slow-drain'],
  },
  {
    id: 'sla-month',
    panel: 'sla',
    title: 'SLA: 30 days, monthly compliance',
    recording: 'sla-30d.prometheus',
    service: 'degraded',
    shows: ['99.750%'],
    showsWhenRoomy: ['Jan 2026', 'target 99.9%', 'part of the month'],
  },
  { id: 'sla-error', panel: 'sla', title: 'SLA: query error', state: 'error', shows: ['The queries failed'] },
];
