// The app's dashboards and the panels alerts link to (annotations `dashboardUid` and `panelId`).
// tests check that each of these panels exists in dashboards/*.json with this id.

export const DASHBOARDS = {
  executive: 'perfscope-executive',
  operations: 'perfscope-operations',
  development: 'perfscope-development',
} as const;

export interface PanelRef {
  dashboardUid: string;
  panelId: number;
}

const at = (dashboardUid: string, panelId: number): PanelRef => ({ dashboardUid, panelId });

export const PANELS = {
  healthBreakdown: at(DASHBOARDS.operations, 1),
  latency: at(DASHBOARDS.operations, 2),
  errorRate: at(DASHBOARDS.operations, 5),
  cpu: at(DASHBOARDS.operations, 6),
  memory: at(DASHBOARDS.operations, 7),
  dbPool: at(DASHBOARDS.operations, 10),
  sla: at(DASHBOARDS.executive, 2),
  overhead: at(DASHBOARDS.executive, 3),
  regression: at(DASHBOARDS.development, 5),
  memoryGrowth: at(DASHBOARDS.development, 8),
} satisfies Record<string, PanelRef>;

/** Where each indicator's alerts point: its own panel, or the health breakdown that shows every indicator. */
export const indicatorPanel = (id: string): PanelRef =>
  ({ latency_p95: PANELS.latency, error_rate: PANELS.errorRate, cpu: PANELS.cpu, memory: PANELS.memory })[id] ??
  PANELS.healthBreakdown;

/** Runbooks: one section per alert family in docs/alerts.md. */
export const RUNBOOKS = 'https://github.com/perfscope/perfscope/blob/main/docs/alerts.md';
