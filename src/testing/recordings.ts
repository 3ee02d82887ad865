import { dateTime, LoadingState, type DataQueryRequest, type PanelData, type TimeRange } from '@grafana/data';
import { toDataQueryResponse, type BackendDataSourceResponse } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';

/** A recording of testdata/frames/ (tools/frames writes them): a panel's queries and Grafana's answer. */
export interface Recording {
  datasource: { type: string; uid: string };
  from: string;
  to: string;
  intervalMs: number;
  maxDataPoints: number;
  targets: Array<DataQuery & Record<string, unknown>>;
  response: BackendDataSourceResponse;
}

export const recordingNames = [
  'health.prometheus',
  'health.perfscope',
  'domainoverhead.prometheus',
  'domainoverhead.perfscope',
  'sla.prometheus',
  'sla-30d.prometheus',
  'sla.perfscope',
] as const;

export type RecordingName = (typeof recordingNames)[number];

export function recordingTimeRange(rec: Recording): TimeRange {
  const from = dateTime(rec.from);
  const to = dateTime(rec.to);
  return { from, to, raw: { from, to } };
}

/**
 * The PanelData a panel receives for the recording, decoded as Grafana decodes /api/ds/query answers.
 * `refIds` keeps only those queries' frames (a panel that runs fewer queries).
 */
export function recordedPanelData(rec: Recording, refIds?: string[]): PanelData {
  const targets = rec.targets
    .filter((t) => !refIds || refIds.includes(t.refId))
    .map((t) => ({ ...t, datasource: rec.datasource }));
  const results = Object.fromEntries(
    Object.entries(rec.response.results).filter(([refId]) => !refIds || refIds.includes(refId))
  );
  const response = toDataQueryResponse({ data: { results } }, targets);
  const timeRange = recordingTimeRange(rec);
  const request = {
    app: 'dashboard',
    requestId: 'recording',
    interval: `${rec.intervalMs / 1000}s`,
    intervalMs: rec.intervalMs,
    maxDataPoints: rec.maxDataPoints,
    range: timeRange,
    scopedVars: {},
    targets,
    timezone: 'utc',
    startTime: 0,
  } as DataQueryRequest;
  return { state: LoadingState.Done, series: response.data, timeRange, request };
}
