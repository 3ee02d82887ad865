import { useCallback, useEffect, useRef, useState } from 'react';

import { discover, type Discovery } from '../../discovery/discover';
import type { Profile } from '../../scoring';
import { GrafanaApiError } from '../shared/grafanaApi';
import { prometheusApi } from '../shared/prometheusApi';

/** The Prometheus datasource detection looks at. */
export interface DetectedOn {
  uid: string;
  name: string;
}

export type Detection =
  /** `said`: what the last action did, for the status line. */
  | { state: 'idle'; said?: string }
  | { state: 'running'; on: DetectedOn }
  /** `before`: the draft as it was when detection started (what Undo puts back). */
  | { state: 'done'; on: DetectedOn; discovery: Discovery; before: Profile }
  | { state: 'failed'; on: DetectedOn; message: string; hint?: string };

/**
 * "Detect from my Prometheus": recognises the presets, service label and buckets on a Prometheus datasource
 * (through Grafana) and, when something PerfScope can score was found, puts the discovered profile in the
 * draft for review (`base`'s thresholds, weights and SLA kept). A new run, another datasource or leaving the
 * page cancels the run under way, its requests aborted.
 */
export function useDetect(datasource: string | null, replace: (profile: Profile) => void) {
  const [detection, setDetection] = useState<Detection>({ state: 'idle' });
  const running = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      running.current?.abort();
      running.current = null;
    },
    [datasource]
  );
  const detect = useCallback(
    async (on: DetectedOn, base: Profile) => {
      running.current?.abort();
      const abort = new AbortController();
      running.current = abort;
      setDetection({ state: 'running', on });
      let next: Detection;
      try {
        const discovery = await discover(prometheusApi(on.uid, abort.signal), { at: Date.now(), base });
        next = { state: 'done', on, discovery, before: base };
      } catch (e) {
        next = { state: 'failed', on, ...failure(e as Error) };
      }
      if (abort.signal.aborted) {
        setDetection((d) => (d.state === 'running' && d.on === on ? { state: 'idle' } : d));
        return;
      }
      running.current = null;
      if (next.state === 'done' && next.discovery.profile) {
        replace(next.discovery.profile);
      }
      setDetection(next);
    },
    [replace]
  );
  /** Puts back the draft as it was before the detection. */
  const undo = useCallback(() => {
    if (detection.state === 'done') {
      replace(detection.before);
      setDetection({ state: 'idle', said: 'The profile is back as it was before detection.' });
    }
  }, [detection, replace]);
  return { detection, detect, undo };
}

/** What went wrong, in words, and what to look at. */
function failure(e: Error): { message: string; hint?: string } {
  if (!(e instanceof GrafanaApiError)) {
    return { message: e.message };
  }
  const hint =
    e.status === 401 || e.status === 403
      ? 'Your Grafana user may not query this datasource.'
      : e.status === 404
        ? 'Grafana has no such datasource, or its server has no Prometheus HTTP API.'
        : e.status === undefined || e.status >= 500
          ? "Grafana got no answer from the datasource's server: check its URL with Save & test on the datasource's page."
          : undefined;
  return { message: e.message, hint };
}
