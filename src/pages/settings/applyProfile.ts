import type { AppDatasources } from '../../components/profile/appProfile';
import type { Profile } from '../../scoring';
import { grafanaApi } from '../shared/grafanaApi';
import type { Api } from './alertFolder';
import { applyAlertRules, type ApplyReport, type RuleDatasources } from './alertRules';
import { applyDashboards, type DashboardsReport } from './applyDashboards';
import { saveProfile, type SaveReport } from './saveProfile';

/** What "Apply" did, step by step. */
export interface ApplyAllReport {
  saved: SaveReport;
  rules: ApplyReport | { failed: string };
  dashboards: DashboardsReport | { failed: string };
  /** The datasources the rules and the dashboards query. */
  datasources: RuleDatasources;
}

/**
 * Brings everything that derives from the profile in line with it, each step writing only what differs: the
 * app's settings and the PerfScope datasource's profile (as Save does), then the alert rules and the three
 * dashboards, which query the chosen datasources. Saving the app settings must succeed; a later step's failure
 * is reported with the rest.
 */
export async function applyProfile(
  profile: Profile,
  datasources: AppDatasources & { chosen: Partial<AppDatasources> },
  api: Api = grafanaApi
): Promise<ApplyAllReport> {
  const saved = await saveProfile(profile, datasources, api);
  const targets = { prometheusUid: datasources.prometheusUid, perfscopeUid: datasources.perfscopeUid };
  const rules = await step(() => applyAlertRules(profile, targets, api));
  const dashboards = await step(() => applyDashboards(profile, targets, api));
  return { saved, rules, dashboards, datasources: targets };
}

async function step<T>(run: () => Promise<T>): Promise<T | { failed: string }> {
  try {
    return await run();
  } catch (e) {
    return { failed: (e as Error).message };
  }
}

/** How many things the report changed (zero: a second Apply of the same profile). */
export function changes({ saved, rules, dashboards }: ApplyAllReport): number {
  const ruleChanges = 'failed' in rules ? 0 : rules.created.length + rules.updated.length + rules.intervals.length;
  const dashboardChanges = 'failed' in dashboards ? 0 : dashboards.created.length + dashboards.updated.length;
  return (
    (saved.app === 'updated' ? 1 : 0) + (saved.datasource.state === 'updated' ? 1 : 0) + ruleChanges + dashboardChanges
  );
}
