import { locationUtil, urlUtil } from '@grafana/data';

// The app's dashboards (its includes, dashboards/*.json) and how to open them for one service or domain.
export const DASHBOARDS = {
  executive: { uid: 'perfscope-executive', title: 'Executive' },
  operations: { uid: 'perfscope-operations', title: 'Operations' },
  development: { uid: 'perfscope-development', title: 'Development' },
} as const;

export type DashboardKey = keyof typeof DASHBOARDS;

/**
 * A dashboard's address with its variables, under Grafana's sub-path when it is served from one (root_url), so
 * the link also works opened in a new tab; Grafana routes a click on it in the app without a reload.
 */
export const dashboardUrl = (key: DashboardKey, vars: Record<string, string> = {}) =>
  locationUtil.assureBaseUrl(
    urlUtil.renderUrl(
      `/d/${DASHBOARDS[key].uid}`,
      Object.fromEntries(Object.entries(vars).map(([k, v]) => [`var-${k}`, v]))
    )
  );
