import { render, screen } from '@testing-library/react';
import React from 'react';
import { PluginType, type AppPluginMeta, type DataSourceInstanceSettings } from '@grafana/data';
import type { BackendSrvRequest } from '@grafana/runtime';

import type { AppJsonData } from '../components/profile/appProfile';
import { defaultProfile, type Profile } from '../scoring';
import { recordedResults } from './answers';
import { CREATED, serveDatasources } from './datasourceSrv';
import { serveGrafanaApi } from './grafana';
import { loadRecording } from './load';
import Settings, { type AppSettingsProps } from '../pages/Settings';
import { fakeAlerting } from './grafanaAlerting';
import { fakeDashboards, type StoredDashboard } from './grafanaDashboards';

// The settings page as Grafana shows it, with Grafana's HTTP API faked at the backend-srv boundary.

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

type Answer = { status: number; data: unknown };

/** As Grafana stores JSON and hands it back. */
const clone = <T,>(value: T): T => JSON.parse(JSON.stringify(value));

export interface GrafanaOptions {
  /** The datasources Grafana has (its DataSourceSrv); default: the provisioned ones and CREATED. */
  datasources?: DataSourceInstanceSettings[];
  /** The app's settings as stored; default: enabled, pinned, the default profile. */
  app?: { enabled: boolean; pinned: boolean; jsonData: AppJsonData };
  /** The dashboards Grafana holds; default: none. */
  dashboards?: StoredDashboard[];
}

/**
 * Grafana's API for this page: the app's settings and the PerfScope datasources (`ds` the provisioned one),
 * kept as they are written, /api/ds/query from recordings, folders, alert rules and dashboards, and whatever `more` answers
 * first (e.g. the Prometheus datasource's resource calls).
 */
export function grafana(
  ds: Record<string, unknown> = datasource,
  alerting = fakeAlerting(),
  more: (req: BackendSrvRequest) => Answer | undefined = () => undefined,
  options: GrafanaOptions = {}
) {
  serveDatasources(options.datasources);
  const dashboards = fakeDashboards(alerting.folders, options.dashboards);
  const answer = recordedResults([loadRecording('health.prometheus')]);
  const app = clone(options.app ?? { enabled: true, pinned: true, jsonData: { profile: defaultProfile() } });
  const stored = new Map<string, Record<string, unknown>>(
    [ds, createdDatasource].map((d) => [`/api/datasources/uid/${d.uid}`, clone(d)])
  );
  const requests = serveGrafanaApi((req: BackendSrvRequest) => {
    const method = req.method ?? 'GET';
    const extra = more(req);
    if (extra) {
      return extra;
    }
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
    if (req.url.startsWith('/api/datasources/uid/')) {
      return { status: 404, data: { message: 'Data source not found' } };
    }
    if (req.url === '/api/ds/query') {
      return answer(req);
    }
    const dashboard = dashboards.handle(req);
    if (dashboard) {
      return dashboard;
    }
    if (req.url.startsWith('/api/folders') || req.url.startsWith('/api/v1/provisioning/')) {
      return alerting.handle(req);
    }
    return { status: 404, data: { message: `${method} ${req.url} is not part of this API` } };
  });
  return {
    requests,
    alerting,
    dashboards,
    app,
    /** The PerfScope datasource with this uid as Grafana holds it now. */
    datasource: (uid: string) => stored.get(`/api/datasources/uid/${uid}`),
    sent: (method: string, url: string) => requests.filter((r) => (r.method ?? 'GET') === method && r.url === url),
    /** Every request that changed something, "METHOD url". */
    writes: () => requests.filter((r) => (r.method ?? 'GET') !== 'GET').map((r) => `${r.method} ${r.url}`),
  };
}

export function show(profile: Profile | null = defaultProfile(), more: AppJsonData = {}) {
  const meta = {
    id: 'perfscope-health-app',
    name: 'PerfScope',
    type: PluginType.app,
    enabled: true,
    pinned: true,
    jsonData: { ...(profile && { profile }), ...more },
    info: {},
  } as unknown as AppPluginMeta;
  const props = { plugin: { meta }, query: {} } as unknown as AppSettingsProps;
  return render(<Settings {...props} />);
}

/** The page previews the scores as it opens: its answer, once there. */
export const previewed = () => screen.findByRole('list', { name: 'Health by service' });

export const indicator = (id: string) => screen.getByRole('group', { name: new RegExp(`^${id}`) });

/** The query of the indicator with this id as the page shows it. */
export const queryOf = (id: string) =>
  document.querySelector<HTMLTextAreaElement>(`fieldset[data-indicator="${id}"] textarea`)?.value ?? '';

type User = {
  click(e: Element): Promise<void>;
  type(e: Element, text: string): Promise<void>;
  keyboard(k: string): Promise<void>;
};

/** Picks the datasource named `name` in the settings' picker labelled `label` ("Prometheus", "PerfScope"). */
export async function pickDatasource(user: User, label: 'Prometheus' | 'PerfScope', name: string) {
  const input = screen.getByLabelText(new RegExp(`^${label} datasource`));
  await user.click(input);
  await user.type(input, name);
  await user.keyboard('{Enter}');
}

/** A burn-rate tier's fields, by the tier's name. */
export const tier = (name: string) => screen.getByRole('group', { name });

/** A section of the page, by its heading. */
export const section = (name: string) => screen.getByRole('region', { name });

/** Replaces a field's text, pasted (typed, PromQL's braces and brackets would be user-event's key names). */
export async function replaceText(
  user: User & { clear(e: Element): Promise<void>; paste(t: string): Promise<void> },
  field: HTMLElement,
  text: string
) {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}
