import type { BackendSrvRequest } from '@grafana/runtime';

import { FOLDER_TITLE, type GrafanaAlertRule } from '../../alerting';
import { grafanaApi, GrafanaApiError } from '../shared/grafanaApi';

export const FOLDER_UID = 'perfscope';
const RULES = '/api/v1/provisioning/alert-rules';
// Rules created or changed here stay editable in Grafana's UI (no API provenance).
const headers = { 'X-Disable-Provenance': 'true' };

/** What "Apply to alert rules" did, rule by rule (titles). */
export interface ApplyReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Provisioned from a file: the API cannot change them; the file must be regenerated. */
  fromFile: string[];
  /** A rule with PerfScope's uid but without the perfscope=managed label: left alone. */
  notOurs: string[];
  /** PerfScope rules the profile no longer builds (a tier turned off): left as they are. */
  stale: string[];
}

export const REGENERATE =
  'npx perfscope rules --format grafana --profile FILE > provisioning/alerting/perfscope-rules.yaml';

type Api = <T>(req: BackendSrvRequest) => Promise<T>;

/** Every field the builder sets is already so in Grafana's copy (Grafana adds defaults of its own). */
function sameAs(built: unknown, stored: unknown): boolean {
  if (built === null || typeof built !== 'object') {
    return built === stored;
  }
  if (stored === null || typeof stored !== 'object' || Array.isArray(built) !== Array.isArray(stored)) {
    return false;
  }
  if (Array.isArray(built)) {
    const list = stored as unknown[];
    return built.length === list.length && built.every((b, i) => sameAs(b, list[i]));
  }
  return Object.entries(built).every(([k, v]) => sameAs(v, (stored as Record<string, unknown>)[k]));
}

const isManaged = (rule: GrafanaAlertRule) => rule.labels?.perfscope === 'managed';

/**
 * Brings Grafana's alert rules in line with the built ones through the alerting provisioning HTTP API,
 * idempotently: creates the folder when missing, creates missing rules, updates changed ones, leaves equal
 * ones alone and never touches a rule without the perfscope=managed label.
 */
export async function applyAlertRules(rules: GrafanaAlertRule[], api: Api = grafanaApi): Promise<ApplyReport> {
  const report: ApplyReport = { created: [], updated: [], unchanged: [], fromFile: [], notOurs: [], stale: [] };
  try {
    await api({ url: `/api/folders/${FOLDER_UID}` });
  } catch (e) {
    if (!(e instanceof GrafanaApiError) || e.status !== 404) {
      throw e;
    }
    await api({ url: '/api/folders', method: 'POST', data: { uid: FOLDER_UID, title: FOLDER_TITLE } });
  }
  const existing = new Map((await api<GrafanaAlertRule[]>({ url: RULES })).map((r) => [r.uid, r]));
  for (const rule of rules) {
    const stored = existing.get(rule.uid);
    if (!stored) {
      await api({ url: RULES, method: 'POST', headers, data: rule });
      report.created.push(rule.title);
    } else if (!isManaged(stored)) {
      report.notOurs.push(stored.title);
    } else if (sameAs(rule, stored)) {
      report.unchanged.push(rule.title);
    } else if (stored.provenance === 'file') {
      report.fromFile.push(rule.title);
    } else {
      await api({ url: `${RULES}/${encodeURIComponent(rule.uid)}`, method: 'PUT', headers, data: rule });
      report.updated.push(rule.title);
    }
  }
  const built = new Set(rules.map((r) => r.uid));
  report.stale = [...existing.values()].filter((r) => isManaged(r) && !built.has(r.uid)).map((r) => r.title);
  return report;
}
