import type { BackendSrvRequest } from '@grafana/runtime';

import type { Recording } from './recordings';

/** Grafana's /api/ds/query answered with the recorded results of the refIds a request asks for. */
export function recordedResults(recordings: Recording[]) {
  const results: Record<string, unknown> = Object.assign({}, ...recordings.map((r) => r.response.results));
  return (req: BackendSrvRequest) => {
    const asked: Array<{ refId: string }> = req.data.queries;
    return {
      status: 200,
      data: {
        results: Object.fromEntries(asked.filter((q) => results[q.refId]).map((q) => [q.refId, results[q.refId]])),
      },
    };
  };
}
