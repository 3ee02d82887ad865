// `perfscope check --group ID`: the group's services scored live, rolled up by the library (src/scoring/group.ts).
import {
  bandAtOrWorse,
  budgetReport,
  failsPolicy,
  gate,
  groupScores,
  groupServices,
  groupTree,
  ruleText,
  type Band,
  type GroupResult,
  type PolicyState,
  type Profile,
  worstPolicyState,
} from '../scoring';
import { escapeRegex } from '../discovery/explain';
import { stringFlag, type ParsedFlags } from './args';
import { renderBudget, type ServiceBudget } from './budget';
import type { Io } from './command';
import { EXIT_HEALTHY, EXIT_UNHEALTHY, UsageError } from './errors';
import { measure, unlabelledMessage, type Variables } from './measure';
import type { PrometheusClient } from './prometheus';
import { num, table } from './render';
import { buildReport } from './report';

/**
 * The id of the group --group names, by its id or else by its name in any case (undefined without it), or a
 * usage error: unknown or ambiguous group, --service or --range.
 */
export function groupFlag(flags: ParsedFlags, profile: Profile): string | undefined {
  const given = stringFlag(flags, 'group');
  if (given === undefined) {
    return undefined;
  }
  for (const other of ['service', 'range']) {
    if (flags[other] !== undefined) {
      throw new UsageError(`--group takes no --${other}: it checks the group's own services at one time (--at)`);
    }
  }
  if (profile.groups.some((g) => g.id === given)) {
    return given;
  }
  const named = profile.groups.filter((g) => g.name.toLowerCase() === given.toLowerCase());
  if (named.length === 1) {
    return named[0].id;
  }
  if (named.length > 1) {
    throw new UsageError(
      `--group ${JSON.stringify(given)} is the name of ${named.length} groups (${named.map((g) => g.id).join(', ')}): give one id`
    );
  }
  const known = profile.groups.map((g) => g.id).join(', ');
  throw new UsageError(
    `--group ${JSON.stringify(given)} names no group of the profile (${known === '' ? 'it has no groups' : `its groups: ${known}`})`
  );
}

/** The JSON of --group: the group's result with the held rules' indices, nested groups' results, services. */
export interface GroupReport extends GroupResult {
  rulesHeld: number[];
  /** Results of the nested groups (at any depth), by id. */
  groups: Record<string, GroupResult>;
  /** Each of the group's services (at any depth): its score and band. */
  services: Record<string, { score: number | null; band: Band }>;
  /** With --budget: the group's error-budget policy, the worst of its services', and each service's. */
  budget?: { state: PolicyState | 'nodata'; services: ServiceBudget[] };
}

/** Why the group fails its error-budget policy (page, freeze or no data); null when it passes (ok, warn). */
function policyFailure(id: string, budget: NonNullable<GroupReport['budget']>): string | null {
  if (!failsPolicy(budget.state)) {
    return null;
  }
  const why = budget.services.filter((b) => b.state === budget.state).map((b) => b.service);
  return `group ${id}: error-budget policy ${budget.state} (${why.join(', ')})`;
}

/** Why the group fails the gate; empty when it passes. Missing data never passes. */
export function groupFailures(r: GroupResult, minScore: number): string[] {
  const verdict = gate({ score: r.score, keys: [] }, { minScore, allowMissing: false });
  const failures: string[] = [];
  if (verdict.noScore) {
    failures.push(`group ${r.id}: no score: none of its members has data`);
  } else if (verdict.belowMinScore) {
    failures.push(`group ${r.id}: score ${r.score!.toFixed(1)} is below --min-score ${minScore}`);
  }
  if (bandAtOrWorse(r.band, 'critical')) {
    const held = r.rules.filter((rule) => rule.held && rule.band === 'critical').map(ruleText);
    failures.push(`group ${r.id}: band critical${held.length > 0 ? ` (${held.join('; ')})` : ''}`);
  }
  return failures;
}

function render(r: GroupReport, profile: Profile): string {
  const lines = [
    `${r.name} (${r.id}): score ${num(r.score, 1)}, ${r.band}${r.cappedBy ? `, capped by ${r.cappedBy}` : ''}`,
  ];
  for (const rule of r.rules) {
    lines.push(`  rule ${rule.held ? 'held  ' : 'missed'}  ${ruleText(rule)} (${rule.count} of ${r.members.length})`);
  }
  const rows = r.members.map((m) => [m.id, m.kind, num(m.score, 1), m.band, `${m.weight}${m.key ? ', key' : ''}`]);
  lines.push('', table([['member', 'kind', 'score', 'band', 'weight'], ...rows]));
  if (r.noData.length > 0) {
    lines.push('', `no data (counted by every rule, left out of the score): ${r.noData.join(', ')}`);
  }
  if (r.budget) {
    lines.push('', `error-budget policy: ${r.budget.state} (the worst of its services')`);
    lines.push(...r.budget.services.map((b) => '\n' + renderBudget(b, profile)));
  }
  return lines.join('\n');
}

/** Scores the group's services at `at`, rolls them up and gates: exit 1 on critical, below minScore or no data. */
export async function checkGroup(
  client: PrometheusClient,
  profile: Profile,
  id: string,
  options: { vars: Omit<Variables, 'service'>; at: number; minScore: number; json: boolean; budget: boolean },
  io: Io
): Promise<number> {
  const names = groupServices(profile.groups, id);
  const vars = { ...options.vars, service: names.length === 0 ? '$^' : names.map(escapeRegex).join('|') };
  const { services: measured, unlabelled } = await measure(client, profile, vars, options.at);
  for (const u of unlabelled) {
    io.err(`perfscope: warning: ${unlabelledMessage(u)}`);
  }
  const services = Object.fromEntries(
    names.map((name) => {
      const m = measured.get(name);
      const report = m && buildReport(profile, m, options.at, name);
      return [name, { score: report?.score ?? null, band: report?.band ?? ('nodata' as Band) }];
    })
  );
  const all = groupScores(
    profile.groups,
    Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.score]))
  );
  const result = all[id];
  const report: GroupReport = {
    ...result,
    rulesHeld: result.rules.flatMap((rule, i) => (rule.held ? [i] : [])),
    groups: Object.fromEntries(groupTree(profile.groups, id).groups.map((g) => [g, all[g]])),
    services,
  };
  if (options.budget) {
    const budgets = names.map((service) => ({
      service,
      ...budgetReport(profile.sla, measured.get(service)?.errorRatios ?? {}, options.at),
    }));
    report.budget = { state: worstPolicyState(budgets.map((b) => b.state)), services: budgets };
  }
  io.out(options.json ? JSON.stringify(report, null, 2) : render(report, profile));
  for (const name of names.filter((n) => services[n].score === null)) {
    io.err(`perfscope: warning: group ${id}: service ${name} has no data: it counts against every rule`);
  }
  const failures = groupFailures(result, options.minScore);
  const policy = report.budget && policyFailure(id, report.budget);
  if (policy) {
    failures.push(policy);
  } else if (report.budget?.state === 'warn') {
    io.err(`perfscope: warning: group ${id}: error-budget policy warn`);
  }
  for (const f of failures) {
    io.err(`perfscope: unhealthy: ${f}`);
  }
  return failures.length > 0 ? EXIT_UNHEALTHY : EXIT_HEALTHY;
}
