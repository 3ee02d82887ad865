import type { BackendSrvRequest } from '@grafana/runtime';

import type { AppJsonData } from '../components/profile/appProfile';
import { defaultProfile } from '../scoring';
import { CREATED } from './datasourceSrv';
import { fakeAlerting } from './grafanaAlerting';
import { fakeDashboards, type StoredDashboard } from './grafanaDashboards';

// Grafana's HTTP API for the app's pages, in memory, as it behaves: the app's settings and the PerfScope
// datasources kept as they are written, folders, alert rules and dashboards. Used by the settings page's jsdom
// tests (settingsPage.tsx) and by the browser gallery, where the built plugin saves and applies against it.

export type Answer = { status: number; data: unknown };

/** As Grafana stores JSON and hands it back. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The PerfScope datasource as GET /api/datasources/uid/perfscope-health answers it. */
export const datasource = {
  id: 7,
  uid: 'perfscope-health',
  name: 'PerfScope',
  type: 'perfscope-health-datasource',
  url: 'http://prometheus:9090',
  readOnly: false,
  version: 3,
  jsonData: { scrapeInterval: '15s' },
  secureJsonFields: { bearerToken: true },
};

/** The PerfScope datasource created in Grafana's UI (CREATED), as its GET answers it. */
export const createdDatasource = { ...datasource, id: 9, uid: CREATED[1].uid, name: CREATED[1].name, version: 1 };

export interface ModelOptions {
  /** The provisioned PerfScope datasource; default: `datasource`. */
  ds?: Record<string, unknown>;
  alerting?: ReturnType<typeof fakeAlerting>;
  /** The app's settings as stored; default: enabled, pinned, the default profile. */
  app?: { enabled: boolean; pinned: boolean; jsonData: AppJsonData };
  /** The dashboards Grafana holds; default: none. */
  dashboards?: StoredDashboard[];
  /** Answers /api/ds/query. */
  query: (req: BackendSrvRequest) => Answer;
}

/** Grafana's API for the app's pages; `handle` answers a request, or undefined for one it does not model. */
export function modelledGrafana(options: ModelOptions) {
  const alerting = options.alerting ?? fakeAlerting();
  const dashboards = fakeDashboards(alerting.folders, options.dashboards);
  const app = clone(options.app ?? { enabled: true, pinned: true, jsonData: { profile: defaultProfile() } });
  const stored = new Map<string, Record<string, unknown>>(
    [options.ds ?? datasource, createdDatasource].map((d) => [`/api/datasources/uid/${d.uid}`, clone(d)])
  );
  const handle = (req: BackendSrvRequest): Answer | undefined => {
    const method = req.method ?? 'GET';
    if (req.url === '/api/plugins/perfscope-health-app/settings') {
      if (method === 'POST') {
        Object.assign(app, clone(req.data));
        return { status: 200, data: { message: 'Plugin settings updated' } };
      }
      return { status: 200, data: { id: 'perfscope-health-app', ...clone(app) } };
    }
    const dsFound = stored.get(req.url);
    if (dsFound) {
      if (method === 'GET') {
        return { status: 200, data: clone(dsFound) };
      }
      stored.set(req.url, { ...clone(req.data), version: Number(dsFound.version) + 1 });
      return { status: 200, data: { message: 'Datasource updated' } };
    }
    if (req.url.startsWith('/api/datasources/uid/') && !req.url.includes('/resources/')) {
      return { status: 404, data: { message: 'Data source not found' } };
    }
    if (req.url === '/api/ds/query') {
      return options.query(req);
    }
    const dashboard = dashboards.handle(req);
    if (dashboard) {
      return dashboard;
    }
    if (req.url.startsWith('/api/folders') || req.url.startsWith('/api/v1/provisioning/')) {
      return alerting.handle(req);
    }
    return undefined;
  };
  return {
    handle,
    alerting,
    dashboards,
    app,
    /** The PerfScope datasource with this uid as Grafana holds it now. */
    datasource: (uid: string) => stored.get(`/api/datasources/uid/${uid}`),
  };
}
