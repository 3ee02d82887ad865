import { render, screen } from '@testing-library/react';
import React from 'react';
import { PluginType, type AppPluginMeta } from '@grafana/data';
import { setDataSourceSrv, type BackendSrvRequest, type DataSourceSrv } from '@grafana/runtime';

import { defaultProfile, type Profile } from '../scoring';
import { recordedResults } from './answers';
import { serveGrafanaApi } from './grafana';
import { loadRecording } from './load';
import Settings, { type AppSettingsProps } from '../pages/Settings';
import { fakeAlerting } from './grafanaAlerting';

// The settings page as Grafana shows it, with Grafana's HTTP API faked at the backend-srv boundary.

export const prometheus = {
  uid: 'perfscope-prometheus',
  name: 'Prometheus',
  type: 'prometheus',
  meta: { id: 'prometheus', info: { logos: {} } },
};
setDataSourceSrv({
  getList: () => [prometheus],
  getInstanceSettings: (ref: unknown) =>
    ref === prometheus.uid || (ref as { uid?: string })?.uid === prometheus.uid ? prometheus : undefined,
} as unknown as DataSourceSrv);

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

type Answer = { status: number; data: unknown };

/**
 * Grafana's API for this page: the datasource, /api/ds/query from recordings, folders and alert rules, saves,
 * and whatever `more` answers first (e.g. the Prometheus datasource's resource calls).
 */
export function grafana(
  ds: Record<string, unknown> = datasource,
  alerting = fakeAlerting(),
  more: (req: BackendSrvRequest) => Answer | undefined = () => undefined
) {
  const answer = recordedResults([loadRecording('health.prometheus')]);
  const requests = serveGrafanaApi((req: BackendSrvRequest) => {
    const method = req.method ?? 'GET';
    const extra = more(req);
    if (extra) {
      return extra;
    }
    if (req.url === '/api/datasources/uid/perfscope-health') {
      return method === 'GET' ? { status: 200, data: ds } : { status: 200, data: { message: 'Datasource updated' } };
    }
    if (req.url === '/api/ds/query') {
      return answer(req);
    }
    if (req.url.startsWith('/api/folders') || req.url.startsWith('/api/v1/provisioning/')) {
      return alerting.handle(req);
    }
    return { status: 200, data: {} };
  });
  return {
    requests,
    alerting,
    sent: (method: string, url: string) => requests.filter((r) => (r.method ?? 'GET') === method && r.url === url),
  };
}

export function show(profile: Profile | null = defaultProfile()) {
  const meta = {
    id: 'perfscope-health-app',
    name: 'PerfScope',
    type: PluginType.app,
    enabled: true,
    pinned: true,
    jsonData: profile ? { profile } : {},
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
