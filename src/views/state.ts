import { LoadingState, type DataQueryError, type PanelData } from '@grafana/data';

/** Query errors, each with its refId: "Query cpu: timeout". */
export const describeErrors = (errors: DataQueryError[] | undefined): string[] =>
  (errors ?? []).map(
    (e) => `${e.refId ? `Query ${e.refId}: ` : ''}${e.message ?? e.data?.message ?? 'the query failed'}`
  );

/** The query errors of a result, each with its refId. */
export const queryErrors = (data: PanelData): string[] => describeErrors(data.errors);

/** True while the first answer is awaited (a refresh keeps showing the previous data). */
export const isFirstLoad = (data: PanelData) => data.state === LoadingState.Loading && data.series.length === 0;

/** A few words for a compact layout's mark: how many queries failed and how many things are missing. */
export function noticeSummary(failed: number, missing: number): string | undefined {
  const parts = [
    failed > 0 ? `${failed} ${failed === 1 ? 'query' : 'queries'} failed` : '',
    missing > 0 ? `${missing} missing` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
