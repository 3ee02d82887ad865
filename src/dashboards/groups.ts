import { ruleText } from '../scoring';
import { bandThresholds, patched, PERFSCOPE, perfScopeTarget, statPanel } from './panels';
import type { ProfileParts } from './profile';
import { common, type dashboard } from './sdk';

/** The height of the executive dashboard's group row; none without groups. */
export const groupRowHeight = (parts: ProfileParts) => (parts.profile.groups.length > 0 ? 5 : 0);

/** The Prometheus queries the group row sends a load: the PerfScope datasource's group query scores each enabled indicator once. */
export const groupRowQueries = (parts: ProfileParts) =>
  parts.profile.groups.length > 0 ? parts.profile.indicators.filter((i) => i.enabled).length : 0;

/** The app's Overview page with one group chosen: its tiles show only that group's services. */
export const OVERVIEW_GROUP_URL = '/a/perfscope-health-app/overview?group=${__field.labels.group}';

/**
 * One tile per group of the profile: its score coloured by band, from the PerfScope datasource's group query;
 * each links to the app's Overview page showing only the group's services.
 */
export function groupPanel(parts: ProfileParts, id: number) {
  return patched<dashboard.Panel>(groupStat(parts, id), (panel) => {
    // A data link ({title, url}, @grafana/schema's DataLink): the SDK types field links as dashboard links.
    (panel.fieldConfig!.defaults as { links?: unknown[] }).links = [
      { title: 'Overview: the services of ${__field.labels.group}', url: OVERVIEW_GROUP_URL },
    ];
  });
}

function groupStat(parts: ProfileParts, id: number) {
  const groups = parts.profile.groups;
  const rules = groups.flatMap((g) => g.rules.map((r) => `${g.name}: ${ruleText(r)}`));
  return statPanel({
    id,
    title: 'Groups',
    description: `Each group of the profile (${groups.map((g) => g.name).join(', ')}) scored from its services' health scores, capped by its key members; its band is the worse of its score's and of its N-of-M rules that hold${rules.length > 0 ? ` (${rules.join('; ')})` : ''}. A service without data counts against every rule and is left out of the score. From the PerfScope datasource's group query, which scores the groups' services from the raw metrics (${groupRowQueries(parts)} Prometheus queries). Select a tile for the app's Overview page with the group's services and the rules that held.`,
    gridPos: { x: 0, y: 0, w: 24, h: groupRowHeight(parts) },
    expr: '',
    legend: '',
    target: { datasource: PERFSCOPE, query: perfScopeTarget('A', { queryType: 'group', group: '.*' }) },
    unit: 'none',
    decimals: 1,
    steps: bandThresholds(parts.scoreSteps()),
  })
    .min(0)
    .max(100)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields('/^Group score/').values(false))
    .graphMode(common.BigValueGraphMode.Area);
}
