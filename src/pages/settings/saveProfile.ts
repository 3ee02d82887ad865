import {
  appSettingsUrl,
  forgetAppProfile,
  type AppDatasources,
  type AppJsonData,
} from '../../components/profile/appProfile';
import type { Profile } from '../../scoring';
import { grafanaApi } from '../shared/grafanaApi';
import { sameJson } from '../shared/json';
import type { Api } from './alertFolder';

/** What saving did to the PerfScope datasource's copy of the profile. */
export type DatasourceStep =
  | { state: 'updated' | 'unchanged'; name: string; uid: string }
  /** It could not take the profile (read-only, missing, refused): why, naming it. */
  | { state: 'problem'; uid: string; message: string };

export interface SaveReport {
  /** The app's settings (profile and datasources): written, or already so. */
  app: 'updated' | 'unchanged';
  datasource: DatasourceStep;
}

interface AppSettings {
  enabled?: boolean;
  pinned?: boolean;
  jsonData?: AppJsonData | null;
}

interface DataSourceSettings {
  name?: string;
  readOnly?: boolean;
  jsonData?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Saves the profile and the chosen datasources (`chosen`: only those the user chose; the others stay
 * defaults) in the app's jsonData, where the panels and pages read them, then the profile in the jsonData of
 * the PerfScope datasource `perfscopeUid`, so that its queries and alert rules score with the same thresholds.
 * Each is written only when it differs. A failure to save the app throws; a datasource that cannot take the
 * profile is reported.
 */
export async function saveProfile(
  profile: Profile,
  { chosen, perfscopeUid }: { chosen: Partial<AppDatasources>; perfscopeUid: string },
  api: Api = grafanaApi
): Promise<SaveReport> {
  const stored = await api<AppSettings>({ url: appSettingsUrl });
  const before: AppJsonData = stored.jsonData ?? {};
  const { datasources: _, ...rest } = before;
  const jsonData: AppJsonData = { ...rest, profile, ...(Object.keys(chosen).length > 0 && { datasources: chosen }) };
  let app: SaveReport['app'] = 'unchanged';
  if (!sameJson(before, jsonData)) {
    await api({
      url: appSettingsUrl,
      method: 'POST',
      data: { enabled: stored.enabled ?? true, pinned: stored.pinned ?? true, jsonData },
    });
    forgetAppProfile();
    app = 'updated';
  }
  return { app, datasource: await saveToDatasource(profile, perfscopeUid, api) };
}

async function saveToDatasource(profile: Profile, uid: string, api: Api): Promise<DatasourceStep> {
  const url = `/api/datasources/uid/${encodeURIComponent(uid)}`;
  try {
    const ds = await api<DataSourceSettings>({ url });
    const name = ds.name ?? uid;
    if (sameJson(ds.jsonData?.profile, profile)) {
      return { state: 'unchanged', name, uid };
    }
    if (ds.readOnly) {
      return {
        state: 'problem',
        uid,
        message: `the PerfScope datasource "${name}" (uid ${uid}) is provisioned read-only: put the same profile in its provisioning file's jsonData.profile, or make it editable`,
      };
    }
    // Secrets stay as they are: secureJsonData is left out.
    await api({ url, method: 'PUT', data: { ...ds, jsonData: { ...ds.jsonData, profile } } });
    return { state: 'updated', name, uid };
  } catch (e) {
    return { state: 'problem', uid, message: `the PerfScope datasource (uid ${uid}): ${(e as Error).message}` };
  }
}
