import { buildDashboards } from '../../dashboards';
import { defaultProfile } from '../../scoring';
import { GrafanaApiError } from '../shared/grafanaApi';
import { fakeAlerting } from '../../testing/grafanaAlerting';
import { fakeDashboards, type StoredDashboard } from '../../testing/grafanaDashboards';
import { applyDashboards } from './applyDashboards';

const targets = { prometheusUid: 'perfscope-prometheus', perfscopeUid: 'perfscope-health' };
const TITLES = ['PerfScope · Development', 'PerfScope · Executive', 'PerfScope · Operations'];

/** Grafana's folders and dashboards; `api` answers as grafanaApi does. */
function grafana(dashboards: StoredDashboard[] = [], folders = [{ uid: 'bf9c2d71e0a4', title: 'PerfScope' }]) {
  const alerting = fakeAlerting({ folders });
  const board = fakeDashboards(alerting.folders, dashboards);
  const api = async <T>(req: Parameters<typeof alerting.handle>[0]): Promise<T> => {
    const { status, data } = board.handle(req) ?? alerting.handle(req);
    if (status >= 400) {
      throw new GrafanaApiError(status, `${req.method ?? 'GET'} ${req.url}: HTTP ${status}`, data);
    }
    return data as T;
  };
  return { api, board, alerting };
}

/** The default profile's dashboards as the app's includes put them: in the root folder (General), version 1. */
const imported = (): StoredDashboard[] =>
  buildDashboards(defaultProfile()).map((d, i) => ({
    dashboard: { ...d.json, id: i + 1, version: 1 } as StoredDashboard['dashboard'],
    meta: { folderUid: '', folderTitle: 'Dashboards', provisioned: false, slug: d.key },
  }));

it('creates the three dashboards in the PerfScope folder, then changes nothing', async () => {
  const g = grafana();
  const report = await applyDashboards(defaultProfile(), targets, g.api);
  expect(report.created.sort()).toEqual(TITLES);
  expect([...g.board.dashboards.values()].map((d) => d.meta.folderUid)).toEqual(Array(3).fill('bf9c2d71e0a4'));
  g.board.writes.length = 0;
  const again = await applyDashboards(defaultProfile(), targets, g.api);
  expect(again).toEqual({ created: [], updated: [], moved: [], unchanged: again.unchanged, fromFile: [] });
  expect(again.unchanged.sort()).toEqual(TITLES);
  expect(g.board.writes).toEqual([]);
});

it("moves the app's imported dashboards into the PerfScope folder, creating the folder when absent", async () => {
  const g = grafana(imported(), []);
  const report = await applyDashboards(defaultProfile(), targets, g.api);
  expect(g.alerting.folders.map((f) => f.title)).toEqual(['PerfScope']);
  expect(report.moved.sort()).toEqual(TITLES);
  expect(report.updated.sort()).toEqual(TITLES);
  const [folder] = g.alerting.folders;
  expect(
    [...g.board.dashboards.values()].every((d) => d.meta.folderUid === folder.uid && d.dashboard.version === 2)
  ).toBe(true);
});

it('writes only the dashboards a change touches, and one edited in Grafana', async () => {
  const g = grafana();
  await applyDashboards(defaultProfile(), targets, g.api);
  const edited = g.board.dashboards.get('perfscope-development')!;
  (edited.dashboard.panels as unknown[]).pop();
  g.board.writes.length = 0;
  // Of the three, only Operations queries the PerfScope datasource.
  const other = { ...targets, perfscopeUid: 'c81mz4ps0eu' };
  const report = await applyDashboards(defaultProfile(), other, g.api);
  expect(report.updated.sort()).toEqual(['PerfScope · Development', 'PerfScope · Operations']);
  expect(report.unchanged).toEqual(['PerfScope · Executive']);
  expect(g.board.writes.sort()).toEqual([
    'POST /api/dashboards/db perfscope-development',
    'POST /api/dashboards/db perfscope-operations',
  ]);
  for (const d of buildDashboards(defaultProfile(), other)) {
    expect(g.board.dashboards.get(d.uid)!.dashboard).toEqual({
      ...d.json,
      id: expect.any(Number),
      version: expect.any(Number),
    });
  }
  expect(JSON.stringify(g.board.dashboards.get('perfscope-operations')!.dashboard)).toContain('c81mz4ps0eu');
});

it('names a dashboard provisioned from a file and leaves it alone', async () => {
  const files = imported().map((d) => ({ ...d, meta: { ...d.meta, provisioned: true } }));
  const g = grafana(files);
  const report = await applyDashboards(defaultProfile(), targets, g.api);
  expect(report.fromFile.sort()).toEqual(TITLES);
  expect(g.board.writes).toEqual([]);
});

it('stops on a refusal of the dashboard API', async () => {
  const g = grafana();
  const api = async <T>(req: Parameters<typeof g.api>[0]): Promise<T> => {
    if (req.url === '/api/dashboards/db') {
      throw new GrafanaApiError(403, 'POST /api/dashboards/db: HTTP 403: Access denied to save dashboard');
    }
    return g.api<T>(req);
  };
  await expect(applyDashboards(defaultProfile(), targets, api)).rejects.toThrow('Access denied to save dashboard');
});
