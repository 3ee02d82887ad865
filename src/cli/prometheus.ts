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
 * The most one answer may hold: 64 MiB is some 10,000 series of 1,000 points, more than a check reads, and an
 * answer past it (a query over every series of a big server) is refused instead of filling the memory.
 */
export const MAX_ANSWER_BYTES = 64 << 20;

/** Redirects followed in a row, as Go's net/http and the datasource do. */
const MAX_REDIRECTS = 10;

/** The most series one answer may hold: a check's queries give one series a service. */
export const MAX_SERIES = 10_000;

/** A URL as the CLI may print it: anything between the scheme and the last "@", credentials however written, hidden. */
export function redactUrl(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 0) {
    return text;
  }
  const scheme = text.indexOf('://');
  const start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
  return `${text.slice(0, start)}<credentials>${text.slice(at)}`;
}

function decodedUserinfo(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new UsageError(
      '--prometheus: the user name or password in the URL is not valid percent-encoding (write % as %25), or set PERFSCOPE_PROMETHEUS_USER and PERFSCOPE_PROMETHEUS_PASSWORD'
    );
  }
}

/** The most of a server's error the CLI repeats: a server may answer megabytes. */
const MAX_MESSAGE = 1024;

/**
 * Replaces every form of the secrets a server may echo (as written, URL-encoded, base64) with "[secret]", then
 * bounds the message: scrubbed whole first, so that a secret cut in two cannot show its start.
 */
export function scrubber(secrets: string[]): (message: string) => string {
  const forms = secrets
    .filter((s) => s !== '')
    .flatMap((s) => {
      const b64 = Buffer.from(s).toString('base64');
      return [s, encodeURIComponent(s), b64, b64.replace(/=+$/, ''), Buffer.from(s).toString('base64url')];
    })
    .sort((a, b) => b.length - a.length);
  return (message) => {
    const clean = forms.reduce((m, f) => m.split(f).join('[secret]'), message);
    return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
  };
}

/** The answer's body as text, refused past maxBytes as it arrives (never read whole first). */
async function bodyText(response: Response, maxBytes: number, stop: AbortController): Promise<string> {
  if (!response.body) {
    return '';
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      stop.abort(); // not reader.cancel(), which would read the rest of the answer to reuse the connection
      throw new UsageError(
        `Prometheus answered more than ${maxBytes / (1 << 20)} MiB for one query (--max-answer-mb): narrow the profile's queries (--service, a shorter --range or a longer --step)`
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A client for the Prometheus HTTP API (also Thanos, Mimir, VictoriaMetrics). Auth comes from the
 * environment: PERFSCOPE_PROMETHEUS_TOKEN (bearer) or PERFSCOPE_PROMETHEUS_USER and _PASSWORD (basic), or
 * credentials in the URL. Credentials never appear in a message.
 */
export function prometheusClient(
  rawUrl: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
  fetchImpl: Fetch = fetch,
  maxBytes = MAX_ANSWER_BYTES,
  maxSeries = MAX_SERIES
): PrometheusClient {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--prometheus must be an http:// or https:// URL, not ${JSON.stringify(redactUrl(rawUrl))}`);
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  const secrets: string[] = [];
  if (env.PERFSCOPE_PROMETHEUS_TOKEN) {
    headers.Authorization = `Bearer ${env.PERFSCOPE_PROMETHEUS_TOKEN}`;
    secrets.push(env.PERFSCOPE_PROMETHEUS_TOKEN);
  } else if (env.PERFSCOPE_PROMETHEUS_USER || url.username) {
    const user = env.PERFSCOPE_PROMETHEUS_USER ?? decodedUserinfo(url.username);
    const password = env.PERFSCOPE_PROMETHEUS_PASSWORD ?? decodedUserinfo(url.password);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    secrets.push(password, `${user}:${password}`);
  }
  const scrub = scrubber(secrets);
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
    // The timeout covers the answer's whole body; it is a timer of our own, not AbortSignal.timeout, whose
    // signal AbortSignal.any holds weakly: collected mid-request, it would never fire. Aborting also drops the
    // connection of an answer refused part-way.
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
    const timedOut = () =>
      new UsageError(`Prometheus at ${shown} did not answer within ${timeoutMs / 1000} s (--timeout)`);
    let response: Response;
    let text: string;
    try {
      try {
        // Redirects are followed by hand: on the same host only (the credentials go nowhere else), ten at most.
        let target = get ? `${base}${path}?${form}` : `${base}${path}`;
        for (let redirects = 0; ; redirects++) {
          response = await fetchImpl(target, {
            method: get ? 'GET' : 'POST',
            headers,
            body: get ? undefined : form,
            redirect: 'manual',
            signal: AbortSignal.any([cancel.signal, stop.signal]),
          });
          const location = response.headers.get('location');
          if (response.status < 300 || response.status > 399 || location === null) {
            break;
          }
          await response.body?.cancel();
          const next = new URL(location, target);
          if (next.host !== url.host || (url.protocol === 'https:' && next.protocol !== 'https:')) {
            throw new UsageError(
              `Prometheus at ${shown} redirected to ${redactUrl(next.origin)}; PerfScope follows redirects on the same host only`
            );
          }
          if (redirects === MAX_REDIRECTS) {
            throw new UsageError(`Prometheus at ${shown} redirected more than ${MAX_REDIRECTS} times in a row`);
          }
          target = next.toString();
        }
      } catch (e) {
        const err = e as Error & { cause?: { code?: string; message?: string } };
        if (e instanceof UsageError) {
          throw e;
        }
        if (failure) {
          throw failure;
        }
        if (err.name === 'TimeoutError') {
          throw timedOut();
        }
        const why = err.cause?.code ?? err.cause?.message ?? err.message;
        throw new UsageError(`cannot reach Prometheus at ${shown} (${why})`);
      }
      try {
        text = await bodyText(response, maxBytes, stop);
      } catch (e) {
        if (failure) {
          throw failure;
        }
        throw (e as Error).name === 'TimeoutError' ? timedOut() : e;
      }
    } finally {
      clearTimeout(timer);
    }
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
      throw new PrometheusQueryError(scrub(why));
    }
    return body.data;
  }

  const bounded = <T>(result: T[]): T[] => {
    if (result.length > maxSeries) {
      throw new UsageError(
        `Prometheus answered ${result.length} series for one query; the CLI reads at most ${maxSeries} (--max-series): narrow the query, e.g. with --service`
      );
    }
    return result;
  };

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
      return bounded(data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((r) => ({
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
      return bounded(data.result).map((r) => ({
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
