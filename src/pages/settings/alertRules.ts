import {
  buildGrafanaAlertRules,
  DEFAULT_TARGETS,
  GROUPS,
  type AlertTargets,
  type GrafanaAlertRule,
} from '../../alerting';
import { parseDuration, type Profile } from '../../scoring';
import { grafanaApi, GrafanaApiError } from '../shared/grafanaApi';
import { covers } from '../shared/json';
import { alertFolderUid, type Api } from './alertFolder';

const RULES = '/api/v1/provisioning/alert-rules';
// Rules created or changed here stay editable in Grafana's UI (no API provenance).
const headers = { 'X-Disable-Provenance': 'true' };

/** What Apply did to the alert rules, rule by rule (titles). */
export interface ApplyReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Provisioned from a file (or new in a group that is): the API cannot change them; the file must be regenerated. */
  fromFile: string[];
  /** A rule with PerfScope's uid but without the perfscope=managed label: left alone. */
  notOurs: string[];
  /** PerfScope rules the profile no longer builds (a tier turned off): left as they are. */
  stale: string[];
  /** Rule groups whose evaluation interval was set back to PerfScope's ("perfscope-trends every 4m"). */
  intervals: string[];
}

/** The datasources the rules query: the chosen Prometheus and the PerfScope datasource the profile is saved to. */
export type RuleDatasources = Pick<AlertTargets, 'prometheusUid' | 'perfscopeUid'>;

/** The command that rebuilds provisioning/alerting/perfscope-rules.yaml for these datasources. */
export function regenerateCommand(ds: RuleDatasources): string {
  const uids = [
    ds.prometheusUid !== DEFAULT_TARGETS.prometheusUid ? ` --prometheus-uid ${ds.prometheusUid}` : '',
    ds.perfscopeUid !== DEFAULT_TARGETS.perfscopeUid ? ` --perfscope-uid ${ds.perfscopeUid}` : '',
  ].join('');
  return `npx perfscope rules --format grafana --profile FILE${uids} --out provisioning/alerting/perfscope-rules.yaml`;
}

/** A rule group as the provisioning API reads and writes it (interval in seconds). */
interface RuleGroup {
  title: string;
  folderUid: string;
  interval: number;
  rules: GrafanaAlertRule[];
}

const durationKeys = new Set(['for']);

/**
 * Every field the builder sets is so in Grafana's copy too: Grafana adds fields of its own (id, updated,
 * provenance, ...) and may write a duration its own way ("5m0s").
 */
const sameAs = (built: unknown, stored: unknown) =>
  covers(built, stored, (key, b, s) =>
    durationKeys.has(key) && typeof b === 'string' && typeof s === 'string'
      ? parseDuration(b) === parseDuration(s)
      : undefined
  );

const isManaged = (rule: GrafanaAlertRule) => rule.labels?.perfscope === 'managed';
const fromFile = (rule: GrafanaAlertRule) => rule.provenance === 'file';
const intervalOf = (group: string) => Object.values(GROUPS).find((g) => g.name === group)?.interval ?? '1m';

const groupUrl = (folderUid: string, group: string) =>
  `/api/v1/provisioning/folder/${encodeURIComponent(folderUid)}/rule-groups/${encodeURIComponent(group)}`;

async function storedGroup(api: Api, folderUid: string, group: string): Promise<RuleGroup | null> {
  try {
    return await api<RuleGroup>({ url: groupUrl(folderUid, group) });
  } catch (e) {
    if (e instanceof GrafanaApiError && e.status === 404) {
      return null;
    }
    throw e;
  }
}

/**
 * Brings Grafana's alert rules in line with the profile through the alerting provisioning HTTP API,
 * idempotently. The rules go to the folder titled "PerfScope" (created only when absent), a rule group at a
 * time so that each group keeps its evaluation interval; a group's other rules are written back as they are.
 * A rule without the perfscope=managed label is never touched, nor is a group provisioned from a file.
 */
export async function applyAlertRules(
  profile: Profile,
  datasources: RuleDatasources,
  api: Api = grafanaApi
): Promise<ApplyReport> {
  const report: ApplyReport = {
    created: [],
    updated: [],
    unchanged: [],
    fromFile: [],
    notOurs: [],
    stale: [],
    intervals: [],
  };
  const folder = await alertFolderUid(api);
  const rules = buildGrafanaAlertRules(profile, { ...datasources, folderUid: folder.uid });
  const existing = new Map((await api<GrafanaAlertRule[]>({ url: RULES })).map((r) => [r.uid, r]));
  const skip = new Set<string>();
  const writes = new Map<string, GrafanaAlertRule[]>();
  for (const rule of rules) {
    const stored = existing.get(rule.uid);
    if (stored && !isManaged(stored)) {
      report.notOurs.push(stored.title);
      skip.add(rule.uid);
    } else if (stored && sameAs(rule, stored)) {
      report.unchanged.push(rule.title);
    } else if (stored && fromFile(stored)) {
      report.fromFile.push(rule.title);
      skip.add(rule.uid);
    } else {
      writes.set(rule.ruleGroup, [...(writes.get(rule.ruleGroup) ?? []), rule]);
    }
  }
  for (const name of new Set(rules.map((r) => r.ruleGroup))) {
    const changed = writes.get(name) ?? [];
    const group = folder.created ? null : await storedGroup(api, folder.uid, name);
    const interval = parseDuration(intervalOf(name))! / 1000;
    const intervalOff = group !== null && group.interval !== interval;
    if (changed.length === 0 && !intervalOff) {
      continue;
    }
    if (group?.rules.some(fromFile)) {
      report.fromFile.push(...changed.map((r) => r.title));
      continue;
    }
    const ours = rules.filter((r) => r.ruleGroup === name && !skip.has(r.uid));
    const others = (group?.rules ?? []).filter((r) => !ours.some((o) => o.uid === r.uid));
    await api({
      url: groupUrl(folder.uid, name),
      method: 'PUT',
      headers,
      data: { title: name, folderUid: folder.uid, interval, rules: [...ours, ...others] },
    });
    for (const r of changed) {
      (existing.has(r.uid) ? report.updated : report.created).push(r.title);
    }
    if (intervalOff) {
      report.intervals.push(`${name} every ${intervalOf(name)}`);
    }
  }
  const built = new Set(rules.map((r) => r.uid));
  report.stale = [...existing.values()].filter((r) => isManaged(r) && !built.has(r.uid)).map((r) => r.title);
  return report;
}
