import { useEffect, useMemo, useState } from 'react';
import type { DataQueryError } from '@grafana/data';

import { healthFromSeries } from '../../views/health/fromPrometheus';
import type { HealthView } from '../../views/health/model';
import { numericSeries } from '../../scoring/frames';
import type { Profile } from '../../scoring';
import { profileQueries, runQueries } from '../shared/queries';

export type PreviewResult = { view: HealthView; errors: DataQueryError[] } | { failed: string };

/** Every service's health over the last hour, scored with `profile` on the Prometheus datasource `datasource`. */
async function scorePreview(profile: Profile, datasource: string, signal: AbortSignal): Promise<PreviewResult> {
  const result = await runQueries(datasource, profileQueries(profile, { domains: false }), { signal });
  const series = numericSeries(result.frames, result.timeRange.to.valueOf());
  const view = healthFromSeries(series, profile, {
    indicatorQueries: {},
    groupBy: profile.serviceLabel,
    intervalMs: result.intervalMs,
  });
  return { view, errors: result.errors };
}

/**
 * The live preview: scored again whenever the profile (null while it is invalid) or the datasource (null
 * while none is chosen) changes, or `refresh` is called; a new run cancels the one under way.
 */
export function usePreview(profile: Profile | null, datasource: string | null) {
  const [asked, setAsked] = useState(0);
  const request = useMemo(
    () => (profile && datasource ? { profile, datasource, asked } : null),
    [profile, datasource, asked]
  );
  const [done, setDone] = useState<{ request: object; result: PreviewResult } | null>(null);
  useEffect(() => {
    if (!request) {
      return;
    }
    const abort = new AbortController();
    const settle = (result: PreviewResult) => !abort.signal.aborted && setDone({ request, result });
    scorePreview(request.profile, request.datasource, abort.signal).then(settle, (e: Error) =>
      settle({ failed: e.message })
    );
    return () => abort.abort();
  }, [request]);
  return {
    /** The last run's, while the next one is under way. */
    result: done?.result ?? null,
    running: request !== null && done?.request !== request,
    refresh: () => setAsked((n) => n + 1),
  };
}
