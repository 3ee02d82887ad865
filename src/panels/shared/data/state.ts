import { LoadingState, type PanelData } from '@grafana/data';

/** The query errors of a result, each with its refId. */
export function queryErrors(data: PanelData): string[] {
  return (data.errors ?? []).map(
    (e) => `${e.refId ? `Query ${e.refId}: ` : ''}${e.message ?? e.data?.message ?? 'the query failed'}`
  );
}

/** True while the first answer is awaited (a refresh keeps showing the previous data). */
export const isFirstLoad = (data: PanelData) => data.state === LoadingState.Loading && data.series.length === 0;
