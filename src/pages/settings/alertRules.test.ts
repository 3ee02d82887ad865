import type { BackendSrvRequest } from '@grafana/runtime';

import { buildGrafanaAlertRules, DEFAULT_TARGETS, type GrafanaAlertRule } from '../../alerting';
import { defaultProfile } from '../../scoring';
import { GrafanaApiError } from '../shared/grafanaApi';
import { applyAlertRules } from './alertRules';

/**
 * Grafana's alerting provisioning API as it behaves, in memory: rules keep the provenance they were created
 * with, Grafana adds fields of its own to what it stores, and a file-provisioned rule refuses changes.
 */
function grafana(initial: GrafanaAlertRule[] = [], folders: string[] = []) {
  const rules = new Map(initial.map((r) => [r.uid, r]));
  const writes: string[] = [];
  const api = async <T>(req: BackendSrvRequest): Promise<T> => {
    const method = req.method ?? 'GET';
    const url = req.url;
    const stored = (rule: GrafanaAlertRule): GrafanaAlertRule =>
      ({ ...rule, id: rules.size + 1, orgID: 1, updated: 'now', provenance: '' }) as GrafanaAlertRule;
    if (method !== 'GET') {
      writes.push(`${method} ${url}${req.headers?.['X-Disable-Provenance'] ? ' (no provenance)' : ''}`);
    }
    if (url.startsWith('/api/folders/') && method === 'GET') {
      if (!folders.includes(url.split('/').pop()!)) {
        throw new GrafanaApiError(404, 'folder not found');
      }
      return {} as T;
    }
    if (url === '/api/folders' && method === 'POST') {
      folders.push(req.data.uid);
      return {} as T;
    }
    if (url === '/api/v1/provisioning/alert-rules' && method === 'GET') {
      return [...rules.values()] as T;
    }
    if (url === '/api/v1/provisioning/alert-rules' && method === 'POST') {
      rules.set(req.data.uid, stored(req.data));
      return {} as T;
    }
    if (url.startsWith('/api/v1/provisioning/alert-rules/') && method === 'PUT') {
      const uid = decodeURIComponent(url.split('/').pop()!);
      if (rules.get(uid)?.provenance === 'file') {
        throw new GrafanaApiError(400, 'cannot change a provisioned rule');
      }
      rules.set(uid, stored(req.data));
      return {} as T;
    }
    throw new GrafanaApiError(404, `${method} ${url} is not part of this API`);
  };
  return { api, rules, writes, folders };
}

const built = buildGrafanaAlertRules(defaultProfile(), DEFAULT_TARGETS);

it('creates the folder and every rule in an empty Grafana, editable in the UI', async () => {
  const g = grafana();
  const report = await applyAlertRules(built, g.api);
  expect(g.folders).toEqual(['perfscope']);
  expect(report.created).toHaveLength(built.length);
  expect(g.writes[0]).toBe('POST /api/folders');
  expect(g.writes.slice(1).every((w) => w === 'POST /api/v1/provisioning/alert-rules (no provenance)')).toBe(true);
  expect([...g.rules.values()].every((r) => r.labels.perfscope === 'managed' && r.folderUID === 'perfscope')).toBe(
    true
  );
});

it('changes nothing the second time', async () => {
  const g = grafana();
  await applyAlertRules(built, g.api);
  g.writes.length = 0;
  const report = await applyAlertRules(built, g.api);
  expect(g.writes).toEqual([]);
  expect(report.unchanged).toHaveLength(built.length);
  expect([report.created, report.updated, report.fromFile, report.stale]).toEqual([[], [], [], []]);
});

it('updates only the rules whose thresholds changed', async () => {
  const g = grafana([], ['perfscope']);
  await applyAlertRules(built, g.api);
  g.writes.length = 0;
  const profile = defaultProfile();
  profile.indicators.find((i) => i.id === 'cpu')!.critical = 95;
  const next = buildGrafanaAlertRules(profile, DEFAULT_TARGETS);
  const changed = next.filter((r) => JSON.stringify(r) !== JSON.stringify(built.find((b) => b.uid === r.uid)));
  expect(changed.length).toBeGreaterThan(0);
  const report = await applyAlertRules(next, g.api);
  expect(report.updated.sort()).toEqual(changed.map((r) => r.title).sort());
  expect(g.writes).toEqual(changed.map((r) => `PUT /api/v1/provisioning/alert-rules/${r.uid} (no provenance)`));
});

it("names the file-provisioned rules it cannot change, and leaves rules that are not PerfScope's alone", async () => {
  const [first, second, ...rest] = built;
  const fromFile = { ...first, provenance: 'file', for: '1h' };
  const foreign = { ...second, labels: { team: 'payments' }, title: 'Payments latency' };
  const g = grafana([fromFile, foreign, ...rest.map((r) => ({ ...r, provenance: '' }))], ['perfscope']);
  const report = await applyAlertRules(built, g.api);
  expect(report.fromFile).toEqual([first.title]);
  expect(report.notOurs).toEqual(['Payments latency']);
  expect(g.writes).toEqual([]);
  expect(g.rules.get(second.uid)!.labels).toEqual({ team: 'payments' });
});

it('reports PerfScope rules that the profile no longer builds', async () => {
  const profile = defaultProfile();
  const g = grafana(built, ['perfscope']);
  profile.sla.burnRateTiers[3].enabled = false;
  const next = buildGrafanaAlertRules(profile, DEFAULT_TARGETS);
  const gone = built.filter((r) => !next.some((n) => n.uid === r.uid)).map((r) => r.title);
  expect(gone.length).toBeGreaterThan(0);
  expect((await applyAlertRules(next, g.api)).stale).toEqual(gone);
});

it('stops on an API failure other than a missing folder', async () => {
  const api = async () => {
    throw new GrafanaApiError(403, 'GET /api/folders/perfscope: HTTP 403: Permission denied');
  };
  await expect(applyAlertRules(built, api)).rejects.toThrow('HTTP 403: Permission denied');
});
