import { lastValueFrom } from 'rxjs';
import { getBackendSrv, type BackendSrvRequest } from '@grafana/runtime';

/** A refusal of Grafana's HTTP API, naming the request and what Grafana said; `body` is its answer. */
export class GrafanaApiError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly body?: unknown
  ) {
    super(message);
  }
}

/** Calls Grafana's HTTP API; a failure becomes a GrafanaApiError with Grafana's own message. */
export async function grafanaApi<T>(req: BackendSrvRequest): Promise<T> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<T>({ showErrorAlert: false, showSuccessAlert: false, ...req })
    );
    return response.data;
  } catch (e) {
    const err = e as { status?: number; data?: { message?: string } | null; message?: string };
    const said = err.data?.message ?? err.message ?? 'no answer';
    const status = err.status ? `HTTP ${err.status}: ` : '';
    throw new GrafanaApiError(err.status, `${req.method ?? 'GET'} ${req.url}: ${status}${said}`, err.data);
  }
}
