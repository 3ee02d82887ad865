// PerfScope's dashboards generated from the profile (`perfscope dashboards`, dashboards/*.json, the Settings
// page's Apply), built with @grafana/grafana-foundation-sdk. Plain TypeScript, no Node API, no React.
export { buildDashboards, dashboardFile, type GeneratedDashboard } from './build';
export { TITLES as DASHBOARD_TITLES, type DashboardKey, type DashboardTargets } from './frame';
export { dashboardText } from './json';
