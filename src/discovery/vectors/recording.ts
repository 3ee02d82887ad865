// Recordings of discovery against a real server, replayed offline by the TypeScript and the Go discovery
// (pkg/discovery): both must make only recorded requests and produce `expected` exactly. Written by
// `npm run record:discovery` (record.ts) into testdata/discovery/<name>.json.
import type { PrometheusApi } from '../api';
import type { DiscoverOptions, Discovery } from '../discover';

/** One request discovery made, and the `data` of the server's answer. */
export interface RecordedRequest {
  path: string;
  params: Array<[string, string]>;
  data: unknown;
}

export interface Recording {
  comment: string;
  /** The fixture the server served: "default" (testdata/scenarios) or a preset fixture's id. */
  fixture: string;
  /** DiscoverOptions.at: the time looked at (ms). */
  at: number;
  options: Omit<DiscoverOptions, 'at'>;
  /** In the order discovery sent them; requests sent concurrently may come in another order. */
  requests: RecordedRequest[];
  expected: Discovery;
}

/** A request's identity: its path and parameters, in order. */
export const requestKey = (path: string, params: Array<[string, string]>) =>
  `${path}?${new URLSearchParams(params).toString()}`;

/** Passes every request to `api` and keeps it with its answer, in the order they were sent. */
export function recordingApi(api: PrometheusApi): { api: PrometheusApi; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    api: {
      async get(path, params) {
        const request: RecordedRequest = { path, params: params.map(([k, v]) => [k, v]), data: null };
        requests.push(request);
        request.data = await api.get(path, params);
        return request.data;
      },
    },
  };
}

/**
 * Answers from a recording, in any order, each recorded request once; a request that was not recorded fails
 * (naming it), and `unused` lists what was recorded but not asked.
 */
export function replayingApi(requests: RecordedRequest[]): {
  api: PrometheusApi;
  unused: () => string[];
  unexpected: string[];
} {
  const answers = new Map<string, unknown[]>();
  for (const r of requests) {
    const key = requestKey(r.path, r.params);
    answers.set(key, [...(answers.get(key) ?? []), r.data]);
  }
  const unexpected: string[] = [];
  return {
    unexpected,
    unused: () => [...answers].flatMap(([key, left]) => left.map(() => key)),
    api: {
      async get(path, params) {
        const key = requestKey(path, params);
        const left = answers.get(key);
        if (!left || left.length === 0) {
          unexpected.push(key);
          throw new Error(`not a recorded request: GET ${key}`);
        }
        const data = left.shift();
        return JSON.parse(JSON.stringify(data));
      },
    },
  };
}
