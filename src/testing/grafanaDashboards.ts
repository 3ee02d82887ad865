import type { BackendSrvRequest } from '@grafana/runtime';

// Grafana's dashboard HTTP API as it behaves, in memory, for the settings page's Apply: POST /api/dashboards/db
// saves a dashboard into a folder (which must exist), numbering its id and version and refusing to overwrite
// without `overwrite` or to change one provisioned from a file; GET /api/dashboards/uid/:uid answers the
// dashboard and its meta (folderUid, provisioned).

type Answer = { status: number; data: unknown };

interface Folder {
  uid: string;
  title: string;
}

export interface StoredDashboard {
  dashboard: Record<string, unknown> & { uid: string; title: string; version: number; id: number };
  meta: { folderUid: string; folderTitle: string; provisioned: boolean; slug: string };
}

/** As Grafana stores JSON and hands it back. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * The dashboards of a Grafana whose folders are `folders` (shared with the alerting fake, as both APIs see the
 * same folders), starting with `start`; `writes` lists "POST /api/dashboards/db <uid>" for each save.
 */
export function fakeDashboards(folders: Folder[], start: StoredDashboard[] = []) {
  const dashboards = new Map(start.map((d) => [d.dashboard.uid, clone(d)]));
  const writes: string[] = [];
  let ids = dashboards.size;
  const refuse = (status: number, message: string): Answer => ({ status, data: { message } });

  const handle = (req: BackendSrvRequest): Answer | undefined => {
    const method = req.method ?? 'GET';
    const one = req.url.match(/^\/api\/dashboards\/uid\/([^/?]+)$/);
    if (one && method === 'GET') {
      const d = dashboards.get(decodeURIComponent(one[1]));
      return d ? { status: 200, data: clone(d) } : refuse(404, 'Dashboard not found');
    }
    if (req.url !== '/api/dashboards/db' || method !== 'POST') {
      return req.url.startsWith('/api/dashboards')
        ? refuse(404, `${method} ${req.url} is not part of this API`)
        : undefined;
    }
    const { dashboard, folderUid = '', overwrite = false } = req.data;
    writes.push(`POST /api/dashboards/db ${dashboard.uid}`);
    const folder = folders.find((f) => f.uid === folderUid);
    if (folderUid && !folder) {
      return refuse(400, 'folder not found');
    }
    const old = dashboards.get(dashboard.uid);
    if (old?.meta.provisioned) {
      return refuse(400, 'Cannot save provisioned dashboard');
    }
    if (old && !overwrite) {
      return refuse(412, 'A dashboard with the same uid already exists');
    }
    const saved: StoredDashboard = {
      dashboard: { ...clone(dashboard), id: old?.dashboard.id ?? ++ids, version: (old?.dashboard.version ?? 0) + 1 },
      meta: {
        folderUid,
        folderTitle: folder?.title ?? 'Dashboards',
        provisioned: false,
        slug: String(dashboard.title)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-'),
      },
    };
    dashboards.set(dashboard.uid, saved);
    const { id, uid, version } = saved.dashboard;
    return {
      status: 200,
      data: { id, uid, version, status: 'success', url: `/d/${uid}/${saved.meta.slug}`, folderUid },
    };
  };
  return { handle, dashboards, writes };
}
