import type { BackendSrvRequest } from '@grafana/runtime';

/** What a fake Prometheus holds: metric names, label names, label values, and instant-query answers. */
export interface FakePrometheus {
  names: string[];
  labels: string[];
  values: Record<string, string[]>;
  /** An instant query's samples, by the query's text (default: none). */
  query?: (q: string) => Array<[Record<string, string>, string]>;
}

const RESOURCES = /^\/api\/datasources\/uid\/([^/]+)\/resources(\/[^?]*)(?:\?(.*))?$/;

/**
 * Grafana's resource route of the Prometheus datasource `uid` as Grafana's Prometheus datasource answers it:
 * the Prometheus HTTP API answer of `server` passed through. Undefined for any other request.
 */
export function prometheusResources(uid: string, server: FakePrometheus) {
  return (req: BackendSrvRequest): { status: number; data: unknown } | undefined => {
    const m = RESOURCES.exec(req.url);
    if (!m || decodeURIComponent(m[1]) !== uid) {
      return undefined;
    }
    const [, , path, query = ''] = m;
    const params = new URLSearchParams(query);
    const ok = (data: unknown) => ({ status: 200, data: { status: 'success', data } });
    const values = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
    if (values) {
      return ok(values[1] === '__name__' ? server.names : (server.values[values[1]] ?? []));
    }
    if (path === '/api/v1/labels') {
      return ok(server.labels);
    }
    if (path === '/api/v1/query') {
      const samples = server.query?.(params.get('query') ?? '') ?? [];
      const time = Number(params.get('time'));
      return ok({ resultType: 'vector', result: samples.map(([metric, v]) => ({ metric, value: [time, v] })) });
    }
    return { status: 404, data: '404 page not found' };
  };
}
