import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';

import { defaultProfile, parseProfile, type Profile } from '../../scoring';

export const APP_ID = 'perfscope-health-app';
export const appSettingsUrl = `/api/plugins/${APP_ID}/settings`;

/** The datasources PerfScope works with, by uid: its Prometheus and its PerfScope (scoring) datasource. */
export interface AppDatasources {
  prometheusUid: string;
  perfscopeUid: string;
}

/** The uids provisioning/datasources gives them: what PerfScope uses while none is chosen. */
export const DEFAULT_DATASOURCES: AppDatasources = {
  prometheusUid: 'perfscope-prometheus',
  perfscopeUid: 'perfscope-health',
};

/** The app's jsonData: the scoring profile and the datasources the settings page saves. */
export interface AppJsonData {
  profile?: unknown;
  /** Either may be absent: the default (provisioned) uid stands in. */
  datasources?: Partial<AppDatasources>;
}

/** The datasources in use, and which of them were chosen (the others are the defaults). */
export interface ChosenDatasources extends AppDatasources {
  chosen: Record<keyof AppDatasources, boolean>;
}

/** The datasources the app's jsonData names, each defaulting to its provisioned uid when absent or empty. */
export function datasourcesFromJsonData(jsonData: AppJsonData | undefined): ChosenDatasources {
  const stored: Record<string, unknown> =
    typeof jsonData?.datasources === 'object' && jsonData.datasources !== null ? jsonData.datasources : {};
  const pick = (key: keyof AppDatasources) => {
    const uid = stored[key];
    return typeof uid === 'string' && uid.trim() !== '' ? uid : null;
  };
  const prometheus = pick('prometheusUid');
  const perfscope = pick('perfscopeUid');
  return {
    prometheusUid: prometheus ?? DEFAULT_DATASOURCES.prometheusUid,
    perfscopeUid: perfscope ?? DEFAULT_DATASOURCES.perfscopeUid,
    chosen: { prometheusUid: prometheus !== null, perfscopeUid: perfscope !== null },
  };
}

export interface AppProfile {
  profile: Profile;
  /** The datasources chosen in the settings (or the defaults). */
  datasources: ChosenDatasources;
  /** False when the app's settings could not be used and the default profile stands in. */
  fromApp: boolean;
  /** Why the default profile stands in. */
  notice?: string;
}

/** The profile in the app's jsonData, or the default profile with the reason. */
export function profileFromJsonData(jsonData: AppJsonData | undefined): AppProfile {
  const datasources = datasourcesFromJsonData(jsonData);
  if (jsonData?.profile === undefined) {
    return {
      profile: defaultProfile(),
      datasources,
      fromApp: false,
      notice: 'PerfScope has no saved profile yet: default thresholds.',
    };
  }
  const parsed = parseProfile(jsonData.profile);
  if (!parsed.profile) {
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
    return {
      profile: defaultProfile(),
      datasources,
      fromApp: false,
      notice: `The saved profile is not valid: ${parsed.problems[0].message}${more}. Default thresholds are used until it is fixed in the PerfScope settings.`,
    };
  }
  return { profile: parsed.profile, datasources, fromApp: true };
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
      datasources: datasourcesFromJsonData(undefined),
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

/** The uids of the datasources that were chosen, as the app's jsonData stores them (the defaults are left out). */
export function chosenUids(ds: ChosenDatasources): Partial<AppDatasources> {
  return {
    ...(ds.chosen.prometheusUid && { prometheusUid: ds.prometheusUid }),
    ...(ds.chosen.perfscopeUid && { perfscopeUid: ds.perfscopeUid }),
  };
}
