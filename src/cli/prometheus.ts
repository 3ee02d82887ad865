import { sampleValue, type PrometheusApi } from '../discovery/api';
import { UsageError } from './errors';

/** One instant-vector sample. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** One range-query series; timestamps in ms. */
export interface RangeSeries {
  labels: Record<string, string>;
  timestamps: number[];
  values: number[];
}

export interface PrometheusClient extends PrometheusApi {
  instant(query: string, at: number): Promise<Sample[]>;
  range(query: string, start: number, end: number, step: number): Promise<RangeSeries[]>;
}

type Fetch = typeof fetch;

const MAX_CONCURRENT = 6;

/**
 * A client for the Prometheus HTTP API (also Thanos, Mimir, VictoriaMetrics). Auth comes from the
 * environment: PERFSCOPE_PROMETHEUS_TOKEN (bearer) or PERFSCOPE_PROMETHEUS_USER and _PASSWORD (basic), or
 * credentials in the URL. Credentials never appear in a message.
 */
export function prometheusClient(
  rawUrl: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
  fetchImpl: Fetch = fetch
): PrometheusClient {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `--prometheus must be an http:// or https:// URL, not ${JSON.stringify(rawUrl.replace(/\/\/[^/@]*@/, '//'))}`
    );
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (env.PERFSCOPE_PROMETHEUS_TOKEN) {
    headers.Authorization = `Bearer ${env.PERFSCOPE_PROMETHEUS_TOKEN}`;
  } else if (env.PERFSCOPE_PROMETHEUS_USER || url.username) {
    const user = env.PERFSCOPE_PROMETHEUS_USER ?? decodeURIComponent(url.username);
    const password = env.PERFSCOPE_PROMETHEUS_PASSWORD ?? decodeURIComponent(url.password);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  url.username = '';
  url.password = '';
  const base = url.toString().replace(/\/+$/, '');
  const shown = base; // safe to print: no credentials left

  // At most a few queries in flight, so a check never floods the server; the first failure cancels the rest.
  let active = 0;
  const waiting: Array<() => void> = [];
  const cancel = new AbortController();
  let failure: Error | undefined;
  async function call(
    path: string,
    params: Record<string, string> | Array<[string, string]>,
    get = false
  ): Promise<unknown> {
    if (active >= MAX_CONCURRENT) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    active++;
    try {
      if (failure) {
        throw failure;
      }
      return await send(path, new URLSearchParams(params).toString(), get);
    } catch (e) {
      failure ??= e as Error;
      cancel.abort();
      throw failure;
    } finally {
      active--;
      waiting.shift()?.();
    }
  }

  async function send(path: string, form: string, get: boolean): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchImpl(get ? `${base}${path}?${form}` : `${base}${path}`, {
        method: get ? 'GET' : 'POST',
        headers,
        body: get ? undefined : form,
        signal: AbortSignal.any([cancel.signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (failure) {
        throw failure;
      }
      if (err.name === 'TimeoutError') {
        throw new UsageError(`Prometheus at ${shown} did not answer within ${timeoutMs / 1000} s (--timeout)`);
      }
      const why = err.cause?.code ?? err.cause?.message ?? err.message;
      throw new UsageError(`cannot reach Prometheus at ${shown} (${why})`);
    }
    const text = await response.text();
    let body: { status?: string; data?: unknown; error?: string; errorType?: string } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.status === 401 || response.status === 403) {
      throw new UsageError(
        `Prometheus at ${shown} refused the request (HTTP ${response.status}); set PERFSCOPE_PROMETHEUS_TOKEN, or PERFSCOPE_PROMETHEUS_USER and PERFSCOPE_PROMETHEUS_PASSWORD`
      );
    }
    if (!body || body.status !== 'success') {
      const why = body?.error
        ? `${body.errorType ?? 'error'}: ${body.error}`
        : `HTTP ${response.status}, not a Prometheus API answer`;
      throw new PrometheusQueryError(why);
    }
    return body.data;
  }

  return {
    get: (path, params) => call(path, params, true),
    async instant(query, at) {
      const data = (await call('/api/v1/query', { query, time: String(at / 1000) })) as {
        resultType: string;
        result: unknown[];
      };
      if (data.resultType === 'scalar') {
        const [, value] = data.result as unknown as [number, string];
        return [{ labels: {}, value: sampleValue(value) }];
      }
      if (data.resultType !== 'vector') {
        throw new PrometheusQueryError(`expected an instant vector, got a ${data.resultType}`);
      }
      return (data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((r) => ({
        labels: r.metric,
        value: sampleValue(r.value[1]),
      }));
    },
    async range(query, start, end, step) {
      const data = (await call('/api/v1/query_range', {
        query,
        start: String(start / 1000),
        end: String(end / 1000),
        step: String(step / 1000),
      })) as { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
      return data.result.map((r) => ({
        labels: r.metric,
        timestamps: r.values.map(([t]) => Math.round(t * 1000)),
        values: r.values.map(([, v]) => sampleValue(v)),
      }));
    },
  };
}

/** Prometheus answered but would not run a query; the caller names the query. */
export class PrometheusQueryError extends Error {
  name = 'PrometheusQueryError';
}
