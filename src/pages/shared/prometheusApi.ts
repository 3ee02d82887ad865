import type { PrometheusApi } from '../../discovery/api';
import { grafanaApi, GrafanaApiError } from './grafanaApi';

/** A Prometheus HTTP API answer: `data` on success, `errorType` and `error` when Prometheus refuses. */
interface PrometheusAnswer {
  status?: string;
  data?: unknown;
  errorType?: string;
  error?: string;
}

/** Prometheus (through Grafana) refused a request or answered something that is not its API's answer. */
export class PrometheusApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status Grafana answered with, when there was one. */
    readonly status?: number
  ) {
    super(message);
  }
}

/**
 * The Prometheus HTTP API of a Grafana Prometheus datasource, through Grafana's datasource resource route
 * (GET /api/datasources/uid/<uid>/resources/api/v1/...), which Grafana's Prometheus datasource forwards to the
 * server with the datasource's URL and credentials. `signal` aborts every request under way.
 */
export function prometheusApi(datasourceUid: string, signal?: AbortSignal): PrometheusApi {
  const base = `/api/datasources/uid/${encodeURIComponent(datasourceUid)}/resources`;
  return {
    async get(path, params) {
      const query = new URLSearchParams(params).toString();
      const url = `${base}/${path.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
      let answer: PrometheusAnswer | undefined;
      try {
        answer = await grafanaApi<PrometheusAnswer>({ url, method: 'GET', abortSignal: signal });
      } catch (e) {
        const refusal = e instanceof GrafanaApiError ? (e.body as PrometheusAnswer | undefined) : undefined;
        if (refusal?.status === 'error') {
          throw new PrometheusApiError(
            `Prometheus refused ${path}: ${[refusal.errorType, refusal.error].filter(Boolean).join(': ')}`,
            (e as GrafanaApiError).status
          );
        }
        throw e;
      }
      if (answer?.status !== 'success') {
        throw new PrometheusApiError(`${path}: the answer is not the Prometheus HTTP API's (no "status": "success")`);
      }
      return answer.data;
    },
  };
}
