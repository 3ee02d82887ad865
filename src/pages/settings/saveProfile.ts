import { APP_ID, forgetAppProfile, type AppJsonData } from '../../components/profile/appProfile';
import type { Profile } from '../../scoring';
import { grafanaApi } from '../shared/grafanaApi';

export const DATASOURCE_UID = 'perfscope-health';

export interface SaveResult {
  /** Null when the PerfScope datasource has the profile too; else why not. */
  datasourceProblem: string | null;
}

interface DataSourceSettings {
  readOnly?: boolean;
  jsonData?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Saves the profile in the app's jsonData (panels read it there), then in the PerfScope datasource's
 * jsonData, so that its queries and alert rules score with the same thresholds. A failure to save the app
 * throws; a datasource that cannot take the profile is reported.
 */
export async function saveProfile(
  app: { enabled: boolean; pinned: boolean; jsonData?: AppJsonData },
  profile: Profile
): Promise<SaveResult> {
  await grafanaApi({
    url: `/api/plugins/${APP_ID}/settings`,
    method: 'POST',
    data: { enabled: app.enabled, pinned: app.pinned, jsonData: { ...app.jsonData, profile } },
  });
  forgetAppProfile();
  const url = `/api/datasources/uid/${DATASOURCE_UID}`;
  try {
    const ds = await grafanaApi<DataSourceSettings>({ url });
    if (ds.readOnly) {
      return {
        datasourceProblem: `the PerfScope datasource (uid ${DATASOURCE_UID}) is provisioned read-only: put the same profile in its provisioning file's jsonData.profile, or make it editable`,
      };
    }
    // Secrets stay as they are: secureJsonData is left out.
    await grafanaApi({ url, method: 'PUT', data: { ...ds, jsonData: { ...ds.jsonData, profile } } });
    return { datasourceProblem: null };
  } catch (e) {
    return { datasourceProblem: (e as Error).message };
  }
}
