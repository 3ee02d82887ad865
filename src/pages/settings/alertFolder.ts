import type { BackendSrvRequest } from '@grafana/runtime';

import { FOLDER_TITLE } from '../../alerting';
import { grafanaApi } from '../shared/grafanaApi';

export type Api = <T>(req: BackendSrvRequest) => Promise<T>;

interface Folder {
  uid: string;
  title: string;
}

/**
 * The uid of the alert rules' folder, found by its title: file provisioning (provisioning/alerting) names the
 * folder by title only, so Grafana gives it a uid of its own. Created, with a generated uid, only when absent.
 */
export async function alertFolderUid(api: Api = grafanaApi): Promise<{ uid: string; created: boolean }> {
  const folders = await api<Folder[]>({ url: '/api/folders', params: { limit: 1000 } });
  const found = folders.find((f) => f.title === FOLDER_TITLE);
  if (found) {
    return { uid: found.uid, created: false };
  }
  const made = await api<Folder>({ url: '/api/folders', method: 'POST', data: { title: FOLDER_TITLE } });
  return { uid: made.uid, created: true };
}
