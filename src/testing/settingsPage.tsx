import { render, screen } from '@testing-library/react';
import React from 'react';
import { PluginType, type AppPluginMeta, type DataSourceInstanceSettings } from '@grafana/data';
import type { BackendSrvRequest } from '@grafana/runtime';

import type { AppJsonData } from '../components/profile/appProfile';
import { defaultProfile, type Profile } from '../scoring';
import { recordedResults } from './answers';
import { serveDatasources } from './datasourceSrv';
import { datasource, modelledGrafana } from './grafanaModel';
import { serveGrafanaApi } from './grafana';
import { loadRecording } from './load';
import Settings, { type AppSettingsProps } from '../pages/Settings';
import { fakeAlerting } from './grafanaAlerting';
import type { StoredDashboard } from './grafanaDashboards';

// The settings page as Grafana shows it, with Grafana's HTTP API faked at the backend-srv boundary.

export { createdDatasource, datasource } from './grafanaModel';

type Answer = { status: number; data: unknown };

export interface GrafanaOptions {
  /** The datasources Grafana has (its DataSourceSrv); default: the provisioned ones and CREATED. */
  datasources?: DataSourceInstanceSettings[];
  /** The app's settings as stored; default: enabled, pinned, the default profile. */
  app?: { enabled: boolean; pinned: boolean; jsonData: AppJsonData };
  /** The dashboards Grafana holds; default: none. */
  dashboards?: StoredDashboard[];
}

/**
 * Grafana's API for this page (grafanaModel.ts: the app's settings and the PerfScope datasources (`ds` the
 * provisioned one) kept as they are written, folders, alert rules and dashboards), /api/ds/query from
 * recordings, and whatever `more` answers first (e.g. the Prometheus datasource's resource calls).
 */
export function grafana(
  ds: Record<string, unknown> = datasource,
  alerting = fakeAlerting(),
  more: (req: BackendSrvRequest) => Answer | undefined = () => undefined,
  options: GrafanaOptions = {}
) {
  serveDatasources(options.datasources);
  const model = modelledGrafana({
    ds,
    alerting,
    app: options.app,
    dashboards: options.dashboards,
    query: recordedResults([loadRecording('health.prometheus')]),
  });
  const requests = serveGrafanaApi(
    (req: BackendSrvRequest) =>
      more(req) ??
      model.handle(req) ?? {
        status: 404,
        data: { message: `${req.method ?? 'GET'} ${req.url} is not part of this API` },
      }
  );
  return {
    ...model,
    requests,
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
