/**
 * The part of the Prometheus HTTP API discovery reads (Prometheus, Thanos, Mimir and VictoriaMetrics answer it
 * alike). The CLI implements it over fetch, the settings page through Grafana's datasource proxy.
 */
export interface PrometheusApi {
  /** GET an API path (e.g. "/api/v1/labels") with parameters; resolves to the answer's `data`. */
  get(path: string, params: Array<[string, string]>): Promise<unknown>;
}

/** One instant-vector sample. */
export interface InstantSample {
  labels: Record<string, string>;
  value: number;
}

/** Prometheus writes sample values as strings, non-finite ones as "NaN", "+Inf", "-Inf". */
export function sampleValue(text: string): number {
  return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
}

/** An instant query at `at` (ms) as samples; a scalar is one sample without labels. */
export async function instantQuery(api: PrometheusApi, query: string, at: number): Promise<InstantSample[]> {
  const data = (await api.get('/api/v1/query', [
    ['query', query],
    ['time', String(at / 1000)],
  ])) as { resultType: string; result: unknown };
  if (data.resultType === 'scalar') {
    const [, value] = data.result as [number, string];
    return [{ labels: {}, value: sampleValue(value) }];
  }
  return ((data.result ?? []) as Array<{ metric: Record<string, string>; value: [number, string] }>).map((r) => ({
    labels: r.metric,
    value: sampleValue(r.value[1]),
  }));
}

/** A single number from a `count(...)`-like query: 0 when it returns nothing. */
export async function countOf(api: PrometheusApi, query: string, at: number): Promise<number> {
  const samples = await instantQuery(api, query, at);
  return samples.length === 0 ? 0 : samples[0].value;
}

/** Label names of the series of `metric` (bounded by the server's own limits). */
export async function labelNames(api: PrometheusApi, metric: string, start: number, end: number): Promise<string[]> {
  return ((await api.get('/api/v1/labels', [
    ['match[]', metric],
    ['start', String(start / 1000)],
    ['end', String(end / 1000)],
  ])) ?? []) as string[];
}

/** Values of `label` over the series of `match` ("" for every series). */
export async function labelValues(
  api: PrometheusApi,
  label: string,
  match: string,
  start: number,
  end: number
): Promise<string[]> {
  const params: Array<[string, string]> = [
    ['start', String(start / 1000)],
    ['end', String(end / 1000)],
  ];
  if (match) {
    params.push(['match[]', match]);
  }
  return ((await api.get(`/api/v1/label/${encodeURIComponent(label)}/values`, params)) ?? []) as string[];
}
