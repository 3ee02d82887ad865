// Alert and recording rules built from the scoring profile: the ONE builder behind `perfscope rules`, the
// checked-in provisioning files and the settings page's Apply. Pure TypeScript, no React.
export { buildGrafanaAlertRules, grafanaProvisioningFile, DEFAULT_TARGETS, FOLDER_TITLE } from './grafana';
export { buildPrometheusRules } from './prometheus';
export { alertCatalogue, resolveOptions, DEFAULT_OPTIONS, GROUPS, HEALTH_FLOORS, type AlertSpec } from './catalogue';
export { rawSignals, recordedSignals, RECORDED, type Signals } from './signals';
export { DASHBOARDS, PANELS, type PanelRef } from './panels';
export * from './types';
