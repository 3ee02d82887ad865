import type { BackendSrvRequest } from '@grafana/runtime';

import type { GrafanaAlertRule } from '../alerting';
import { parseDuration } from '../scoring';
import { GrafanaApiError } from '../pages/shared/grafanaApi';

// Grafana's folders and alerting provisioning HTTP API as they behave, in memory, for the settings page's
// Apply (its alert rules): folders get generated uids, stored rules carry fields Grafana fills in, a rule group
// PUT replaces the group (and refuses to change or delete file-provisioned rules), a single-rule POST puts a
// new group at the default interval.

type Answer = { status: number; data: unknown };
export type Stored = GrafanaAlertRule & Record<string, unknown>;

interface Folder {
  uid: string;
  title: string;
}

const DEFAULT_INTERVAL = 60;
// The fields a rule's writer chooses; Grafana fills in the rest.
const WRITTEN = ['title', 'condition', 'data', 'for', 'noDataState', 'execErrState', 'labels', 'annotations'];

/** JSON with sorted keys: two rules compare equal whatever order their fields were written in. */
const canonical = (v: unknown): string =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;

const written = (r: GrafanaAlertRule) =>
  canonical({ ...Object.fromEntries(WRITTEN.map((k) => [k, (r as Stored)[k]])), for: parseDuration(r.for) });

export interface FakeAlerting {
  handle: (req: BackendSrvRequest) => Answer;
  api: <T>(req: BackendSrvRequest) => Promise<T>;
  folders: Folder[];
  rules: Map<string, Stored>;
  /** Evaluation interval (seconds) by "folderUid/group". */
  intervals: Map<string, number>;
  /** Every request that changes something: "METHOD url", "(no provenance)" when asked so. */
  writes: string[];
}

export function fakeAlerting(
  start: { folders?: Folder[]; rules?: Stored[]; intervals?: Array<[string, number]> } = {}
) {
  const folders = [...(start.folders ?? [])];
  const rules = new Map((start.rules ?? []).map((r) => [r.uid, r]));
  const intervals = new Map(start.intervals ?? []);
  const writes: string[] = [];
  let made = 0;
  const refuse = (status: number, message: string): Answer => ({ status, data: { message } });
  const store = (rule: GrafanaAlertRule, provenance: string): Stored => ({
    ...rule,
    id: rules.get(rule.uid)?.id ?? rules.size + 1,
    orgID: 1,
    updated: '2026-01-31T00:00:00Z',
    provenance,
    isPaused: rule.isPaused ?? false,
    notification_settings: null,
    record: null,
    keep_firing_for: '0s',
  });

  function putGroup(
    folderUid: string,
    group: string,
    body: { interval: number; rules: GrafanaAlertRule[] },
    provenance: string
  ): Answer {
    const inGroup = [...rules.values()].filter((r) => r.folderUID === folderUid && r.ruleGroup === group);
    const kept = new Set(body.rules.map((r) => r.uid));
    const changes = [
      ...inGroup.filter((r) => !kept.has(r.uid)),
      ...body.rules
        .filter((r) => rules.has(r.uid))
        .map((r) => rules.get(r.uid)!)
        .filter((old) => {
          const next = body.rules.find((r) => r.uid === old.uid)!;
          return written(next) !== written(old) || old.folderUID !== folderUid || old.ruleGroup !== group;
        }),
    ];
    if (changes.some((r) => r.provenance === 'file')) {
      return refuse(409, 'cannot update or delete a rule provisioned from a file (provenance mismatch)');
    }
    for (const r of inGroup.filter((x) => !kept.has(x.uid))) {
      rules.delete(r.uid);
    }
    for (const r of body.rules) {
      const old = rules.get(r.uid);
      rules.set(
        r.uid,
        old && !changes.includes(old) ? old : store({ ...r, folderUID: folderUid, ruleGroup: group }, provenance)
      );
    }
    intervals.set(`${folderUid}/${group}`, body.interval);
    return { status: 202, data: {} };
  }

  const handle = (req: BackendSrvRequest): Answer => {
    const method = req.method ?? 'GET';
    const url = req.url;
    const provenance = req.headers?.['X-Disable-Provenance'] ? '' : 'api';
    if (method !== 'GET') {
      writes.push(`${method} ${url}${provenance === '' ? ' (no provenance)' : ''}`);
    }
    const group = url.match(/^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/);
    if (url === '/api/folders' && method === 'GET') {
      return { status: 200, data: folders.map((f, i) => ({ id: i + 1, ...f })) };
    }
    if (url === '/api/folders' && method === 'POST') {
      if (folders.some((f) => f.title === req.data.title)) {
        return refuse(409, 'a folder with the same name already exists');
      }
      const folder = { uid: req.data.uid ?? `d${(++made).toString(36)}x7kq2m`, title: req.data.title };
      folders.push(folder);
      return { status: 200, data: folder };
    }
    if (url === '/api/v1/provisioning/alert-rules' && method === 'GET') {
      return { status: 200, data: [...rules.values()] };
    }
    if (url === '/api/v1/provisioning/alert-rules' && method === 'POST') {
      const rule: GrafanaAlertRule = req.data;
      if (!folders.some((f) => f.uid === rule.folderUID)) {
        return refuse(400, `folder ${rule.folderUID} does not exist`);
      }
      const key = `${rule.folderUID}/${rule.ruleGroup}`;
      intervals.set(key, intervals.get(key) ?? DEFAULT_INTERVAL);
      rules.set(rule.uid, store(rule, provenance));
      return { status: 201, data: rules.get(rule.uid) };
    }
    const single = url.match(/^\/api\/v1\/provisioning\/alert-rules\/([^/]+)$/);
    if (single && method === 'PUT') {
      const old = rules.get(decodeURIComponent(single[1]));
      if (!old) {
        return refuse(404, 'rule not found');
      }
      if (old.provenance === 'file') {
        return refuse(409, 'cannot change a rule provisioned from a file');
      }
      rules.set(old.uid, store(req.data, provenance));
      return { status: 200, data: rules.get(old.uid) };
    }
    if (group) {
      const [folderUid, name] = [decodeURIComponent(group[1]), decodeURIComponent(group[2])];
      if (!folders.some((f) => f.uid === folderUid)) {
        return refuse(404, 'folder not found');
      }
      if (method === 'PUT') {
        return putGroup(folderUid, name, req.data, provenance);
      }
      const inGroup = [...rules.values()].filter((r) => r.folderUID === folderUid && r.ruleGroup === name);
      return inGroup.length === 0
        ? refuse(404, 'rule group does not exist')
        : {
            status: 200,
            data: { title: name, folderUid, interval: intervals.get(`${folderUid}/${name}`), rules: inGroup },
          };
    }
    return refuse(404, `${method} ${url} is not part of this API`);
  };

  const api = async <T>(req: BackendSrvRequest): Promise<T> => {
    const { status, data } = handle(req);
    if (status >= 400) {
      throw new GrafanaApiError(
        status,
        `${req.method ?? 'GET'} ${req.url}: HTTP ${status}: ${(data as { message: string }).message}`
      );
    }
    return data as T;
  };
  return { handle, api, folders, rules, intervals, writes } satisfies FakeAlerting;
}
