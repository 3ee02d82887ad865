// The provisioned dashboards (dashboards/*.json) and how to open them for one service or domain.
export const DASHBOARDS = {
  executive: { uid: 'perfscope-executive', title: 'Executive' },
  operations: { uid: 'perfscope-operations', title: 'Operations' },
  development: { uid: 'perfscope-development', title: 'Development' },
} as const;

export type DashboardKey = keyof typeof DASHBOARDS;

export const dashboardUrl = (key: DashboardKey, vars: Record<string, string> = {}) => {
  const query = Object.entries(vars)
    .map(([k, v]) => `var-${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `/d/${DASHBOARDS[key].uid}${query ? `?${query}` : ''}`;
};
