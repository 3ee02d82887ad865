import { buildDashboards, type DashboardTargets, type GeneratedDashboard } from '../../dashboards';
import type { Profile } from '../../scoring';
import { grafanaApi, GrafanaApiError } from '../shared/grafanaApi';
import { covers } from '../shared/json';
import { alertFolderUid, type Api } from './alertFolder';

/** What Apply did to the dashboards (titles). */
export interface DashboardsReport {
  created: string[];
  /** Written again: they differed from the profile's, or were in another folder (`moved` too). */
  updated: string[];
  /** Among `updated`: the ones that were in another folder, now in PerfScope's. */
  moved: string[];
  unchanged: string[];
  /** Provisioned from a file: Grafana's API cannot change them. */
  fromFile: string[];
}

/** A dashboard as GET /api/dashboards/uid/:uid answers it. */
interface StoredDashboard {
  dashboard: Record<string, unknown>;
  meta: { folderUid?: string; provisioned?: boolean };
}

// Grafana numbers the versions it saves; the generator writes 1.
const IGNORED = new Set(['id', 'version']);

async function stored(api: Api, uid: string): Promise<StoredDashboard | null> {
  try {
    return await api<StoredDashboard>({ url: `/api/dashboards/uid/${encodeURIComponent(uid)}` });
  } catch (e) {
    if (e instanceof GrafanaApiError && e.status === 404) {
      return null;
    }
    throw e;
  }
}

/** Whether Grafana's copy is the generated dashboard, in the folder: Grafana's own fields aside. */
const upToDate = (built: GeneratedDashboard, copy: StoredDashboard, folderUid: string) =>
  copy.meta.folderUid === folderUid &&
  covers(Object.fromEntries(Object.entries(built.json).filter(([k]) => !IGNORED.has(k))), copy.dashboard);

/**
 * Brings the three dashboards in line with the profile through Grafana's dashboard API, idempotently: each is
 * generated (`buildDashboards`, its datasource variables on `targets`) and written with overwrite into the
 * folder the alert rules use, only when Grafana's copy differs or is elsewhere. A dashboard provisioned from a
 * file is named, not written.
 */
export async function applyDashboards(
  profile: Profile,
  targets: DashboardTargets,
  api: Api = grafanaApi
): Promise<DashboardsReport> {
  const report: DashboardsReport = { created: [], updated: [], moved: [], unchanged: [], fromFile: [] };
  const built = buildDashboards(profile, targets);
  const folder = await alertFolderUid(api);
  for (const d of built) {
    const copy = await stored(api, d.uid);
    if (copy?.meta.provisioned) {
      report.fromFile.push(d.title);
      continue;
    }
    if (copy && upToDate(d, copy, folder.uid)) {
      report.unchanged.push(d.title);
      continue;
    }
    await api({
      url: '/api/dashboards/db',
      method: 'POST',
      data: {
        dashboard: { ...d.json, id: null },
        folderUid: folder.uid,
        overwrite: true,
        message: 'PerfScope: applied from the settings',
      },
    });
    if (!copy) {
      report.created.push(d.title);
    } else {
      report.updated.push(d.title);
      if (copy.meta.folderUid !== folder.uid) {
        report.moved.push(d.title);
      }
    }
  }
  return report;
}
