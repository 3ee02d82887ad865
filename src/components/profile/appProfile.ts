import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';

import { defaultProfile, parseProfile, type Profile } from '../../scoring';

export const APP_ID = 'perfscope-health-app';
export const appSettingsUrl = `/api/plugins/${APP_ID}/settings`;

/** The app's jsonData: the scoring profile the settings page saves. */
export interface AppJsonData {
  profile?: unknown;
}

export interface AppProfile {
  profile: Profile;
  /** False when the app's settings could not be used and the default profile stands in. */
  fromApp: boolean;
  /** Why the default profile stands in. */
  notice?: string;
}

/** The profile in the app's jsonData, or the default profile with the reason. */
export function profileFromJsonData(jsonData: AppJsonData | undefined): AppProfile {
  if (jsonData?.profile === undefined) {
    return {
      profile: defaultProfile(),
      fromApp: false,
      notice: 'PerfScope has no saved profile yet: default thresholds.',
    };
  }
  const parsed = parseProfile(jsonData.profile);
  if (!parsed.profile) {
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
    return {
      profile: defaultProfile(),
      fromApp: false,
      notice: `The saved profile is not valid: ${parsed.problems[0].message}${more}. Default thresholds are used until it is fixed in the PerfScope settings.`,
    };
  }
  return { profile: parsed.profile, fromApp: true };
}

/** Reads the app's settings (any signed-in user with access to the app may). */
export async function readAppProfile(): Promise<AppProfile> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<{ jsonData?: AppJsonData }>({ url: appSettingsUrl, showErrorAlert: false })
    );
    return profileFromJsonData(response.data.jsonData);
  } catch (e) {
    const status = (e as { status?: number }).status;
    const why = status ? `HTTP ${status}` : e instanceof Error ? e.message : 'no answer';
    return {
      profile: defaultProfile(),
      fromApp: false,
      notice: `Could not read the PerfScope app settings (${why}): default thresholds.`,
    };
  }
}

let cached: Promise<AppProfile> | undefined;
let loaded: AppProfile | undefined;

/** The app's profile, read once per page load and shared by every panel of this kind. */
export function loadAppProfile(): Promise<AppProfile> {
  cached ??= readAppProfile().then((p) => (loaded = p));
  return cached;
}

/** The profile when it has been read already (panels mounted later render at once). */
export const loadedAppProfile = () => loaded;

/** Forget the cached profile: after the settings page saved a new one. */
export function forgetAppProfile() {
  cached = undefined;
  loaded = undefined;
}
