import { Observable, of, throwError } from 'rxjs';
import {
  EventBusSrv,
  getDefaultTimeRange,
  LoadingState,
  type FieldConfigSource,
  type PanelData,
  type PanelProps,
} from '@grafana/data';
import { setBackendSrv, type BackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';

import { forgetAppProfile } from '../components/profile/appProfile';
import { replaceVariables } from './templateSrv';

type Handler = (req: BackendSrvRequest) => { status: number; data: unknown };

/**
 * Stands in for Grafana's HTTP API in component tests: answers each request with `handle`, and an
 * error (as Grafana's backendSrv rejects) for a status of 400 or more. Returns the requests it saw.
 */
export function serveGrafanaApi(handle: Handler): BackendSrvRequest[] {
  const seen: BackendSrvRequest[] = [];
  const fetch = (req: BackendSrvRequest): Observable<FetchResponse> => {
    seen.push(req);
    const { status, data } = handle(req);
    const response = {
      status,
      data,
      ok: status < 400,
      statusText: '',
      headers: new Headers(),
      redirected: false,
      type: 'basic',
      url: req.url,
      config: req,
    } as FetchResponse;
    return status >= 400 ? throwError(() => response) : of(response);
  };
  setBackendSrv({ fetch } as unknown as BackendSrv);
  forgetAppProfile();
  return seen;
}

/** Grafana's /api/plugins/perfscope-health-app/settings answering with this jsonData (or an HTTP status). */
export function serveAppSettings(jsonData: Record<string, unknown> | number): BackendSrvRequest[] {
  return serveGrafanaApi((req) => {
    if (req.url !== '/api/plugins/perfscope-health-app/settings') {
      return { status: 404, data: { message: 'not found' } };
    }
    return typeof jsonData === 'number'
      ? { status: jsonData, data: { message: 'Access denied' } }
      : { status: 200, data: { id: 'perfscope-health-app', enabled: true, jsonData } };
  });
}

/** The props Grafana gives a panel, with these options and data. */
export function panelProps<T>(options: T, data: Partial<PanelData>, size = { width: 600, height: 400 }): PanelProps<T> {
  const fieldConfig: FieldConfigSource = { defaults: {}, overrides: [] };
  return {
    id: 1,
    title: 'PerfScope',
    data: { state: LoadingState.Done, series: [], timeRange: getDefaultTimeRange(), ...data },
    timeRange: data.timeRange ?? getDefaultTimeRange(),
    timeZone: 'utc',
    options,
    fieldConfig,
    transparent: false,
    width: size.width,
    height: size.height,
    renderCounter: 0,
    replaceVariables,
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    onChangeTimeRange: () => {},
    eventBus: new EventBusSrv(),
  };
}

/** Only the frames whose series carry label=value (a dashboard filtered to one service). */
export const only = (data: PanelData, label: string, value: string): PanelData => ({
  ...data,
  series: data.series.filter((f) =>
    f.fields.every((x) => x.labels?.[label] === undefined || x.labels[label] === value)
  ),
});
