import { dateTime, type DataFrame, type DataQueryError, type TimeRange } from '@grafana/data';
import { toDataQueryResponse, type BackendDataSourceResponse } from '@grafana/runtime';

import { interpolate, type Profile } from '../../scoring';
import { grafanaApi, GrafanaApiError } from './grafanaApi';

/** A profile query for every service and domain: $service and $domain match all; Grafana fills $__rate_interval. */
export const forAllServices = (query: string) => interpolate(query, { service: '.*', domain: '.*' });

export interface ProfileQueries {
  /** refId -> PromQL. */
  [refId: string]: string;
}

/** The indicator queries (refId = indicator id) and the domain overhead queries of a profile. */
export function profileQueries(profile: Profile, parts: { domains: boolean }): ProfileQueries {
  const out: ProfileQueries = {};
  for (const ind of profile.indicators.filter((i) => i.enabled)) {
    out[ind.id] = forAllServices(ind.query);
  }
  if (parts.domains && profile.domains.mode === 'share') {
    out.domain_time = forAllServices(profile.domains.domainTimeQuery);
    out.total_time = forAllServices(profile.domains.totalTimeQuery);
  }
  return out;
}

export interface QueryResult {
  frames: DataFrame[];
  /** Per-query errors, each with its refId. */
  errors: DataQueryError[];
  timeRange: TimeRange;
  intervalMs: number;
}

/** Runs range queries on a Prometheus datasource through Grafana (/api/ds/query), as a dashboard would. */
export async function runQueries(
  datasourceUid: string,
  queries: ProfileQueries,
  {
    lastMs = 3600e3,
    stepMs = 60e3,
    toMs = Date.now(),
    signal,
  }: { lastMs?: number; stepMs?: number; toMs?: number; signal?: AbortSignal } = {}
): Promise<QueryResult> {
  const to = Math.floor(toMs / stepMs) * stepMs;
  const from = to - lastMs;
  const targets = Object.entries(queries).map(([refId, expr]) => ({
    refId,
    expr,
    datasource: { uid: datasourceUid, type: 'prometheus' },
    range: true,
    instant: false,
    intervalMs: stepMs,
    maxDataPoints: Math.ceil(lastMs / stepMs),
  }));
  const data = await dsQuery({ queries: targets, from: String(from), to: String(to) }, signal);
  const response = toDataQueryResponse({ data }, targets);
  return {
    frames: response.data,
    errors: response.errors ?? [],
    timeRange: { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } },
    intervalMs: stepMs,
  };
}

/**
 * POST /api/ds/query. When a query fails Grafana answers 400 (207 with the datasourceQueryMultiStatus toggle)
 * with every query's result in the body: the others' frames and the failed one's error are read from it.
 */
async function dsQuery(body: object, signal?: AbortSignal): Promise<BackendDataSourceResponse> {
  try {
    return await grafanaApi<BackendDataSourceResponse>({
      url: '/api/ds/query',
      method: 'POST',
      data: body,
      abortSignal: signal,
    });
  } catch (e) {
    const answer =
      e instanceof GrafanaApiError ? (e.body as Partial<BackendDataSourceResponse> | undefined) : undefined;
    if (answer?.results && typeof answer.results === 'object') {
      return answer as BackendDataSourceResponse;
    }
    throw e;
  }
}
