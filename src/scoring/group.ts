import { combineScores } from './composite';
import { bandAtOrWorse, bandOf, worseBand } from './bands';
import { hasData } from './subscore';
import type { Band, Group, GroupRule } from './types';

/** One member of a group: a service (its health score) or a nested group (its group result). */
export interface GroupMember {
  kind: 'service' | 'group';
  id: string;
  score: number | null;
  /** A service's band is its score's; a nested group's may be worse (its rules). */
  band: Band;
  weight: number;
  key: boolean;
}

export interface GroupRuleResult extends GroupRule {
  /** Members in `members` or worse, counting those without data. */
  count: number;
  held: boolean;
}

export interface GroupResult {
  id: string;
  name: string;
  /** The aggregation of the members with data, capped by key members; null when none has data. */
  score: number | null;
  /** The worse of bandOf(score) and the bands of the rules that held; nodata without a score. */
  band: Band;
  /** The key member whose score lowered the weighted score, if any. */
  cappedBy: string | null;
  rules: GroupRuleResult[];
  /** Services first, then nested groups, in profile order. */
  members: GroupMember[];
  /** Members without data: left out of the score, counted by every rule (never healthy). */
  noData: string[];
}

/** A service name -> its health score (absent, null or NaN: no data). */
export type ServiceScores = Record<string, number | null | undefined>;

/** A group with the given id and fields, the rest as the validator defaults them (name = id, no members). */
export const newGroup = (id: string, fields: Partial<Group> = {}): Group => ({
  id,
  name: id,
  services: [],
  groups: [],
  aggregation: 'weighted',
  weights: {},
  keyMembers: [],
  rules: [],
  ...fields,
});

/** A rule in words: "critical when at least 2 members are warning or worse". */
export function ruleText(rule: GroupRule): string {
  const who =
    rule.atLeast !== undefined
      ? `at least ${rule.atLeast} ${rule.atLeast === 1 ? 'member is' : 'members are'}`
      : `more than ${rule.morePercent} % of the members are`;
  return `${rule.band} when ${who} ${rule.members}${rule.members === 'critical' ? '' : ' or worse'}`;
}

/** Whether a rule holds when `count` of `of` members are in its members band or worse. */
export function ruleHolds(rule: GroupRule, count: number, of: number): boolean {
  if (rule.atLeast !== undefined) {
    return count >= rule.atLeast;
  }
  // count / of > P / 100, without the rounding of the division
  return of > 0 && count * 100 > (rule.morePercent ?? 0) * of;
}

/** The groups by id; the first of two with the same id (which validation refuses) wins, as in pkg/scoring. */
const groupsById = (groups: Group[]) => new Map([...groups].reverse().map((g) => [g.id, g]));

/**
 * Every group's result from its members' results: service health scores, nested groups' results. A nested
 * group that is unknown or part of a cycle (validation refuses both) counts as a member without data.
 */
export function groupScores(groups: Group[], services: ServiceScores): Record<string, GroupResult> {
  const byId = groupsById(groups);
  const done = new Map<string, GroupResult>();
  const visiting = new Set<string>();

  const evaluate = (group: Group): GroupResult => {
    const known = done.get(group.id);
    if (known) {
      return known;
    }
    visiting.add(group.id);
    const member = (kind: GroupMember['kind'], id: string, score: number | null, band: Band): GroupMember => ({
      kind,
      id,
      score,
      band,
      weight: group.weights[id] ?? 1,
      key: group.keyMembers.includes(id),
    });
    const members = [
      ...group.services.map((name) => {
        const s = services[name];
        const score = hasData(s) ? s : null;
        return member('service', name, score, bandOf(score));
      }),
      ...group.groups.map((id) => {
        const nested = byId.get(id);
        const r = nested && !visiting.has(id) ? evaluate(nested) : null;
        return member('group', id, r?.score ?? null, r?.band ?? 'nodata');
      }),
    ];
    visiting.delete(group.id);

    const { score, cappedBy } = combineScores(members, group.aggregation);
    const rules = group.rules.map((rule): GroupRuleResult => {
      const count = members.filter((m) => m.band === 'nodata' || bandAtOrWorse(m.band, rule.members)).length;
      return { ...rule, count, held: ruleHolds(rule, count, members.length) };
    });
    const band =
      score === null
        ? 'nodata'
        : rules.filter((r) => r.held).reduce<Band>((b, r) => worseBand(b, r.band), bandOf(score));
    const result: GroupResult = {
      id: group.id,
      name: group.name,
      score,
      band,
      cappedBy,
      rules,
      members,
      noData: members.filter((m) => m.band === 'nodata').map((m) => m.id),
    };
    done.set(group.id, result);
    return result;
  };

  return Object.fromEntries(groups.map((g) => [g.id, evaluate(g)]));
}

/** One group's result (null for an unknown id). */
export function groupScore(groups: Group[], id: string, services: ServiceScores): GroupResult | null {
  return groups.some((g) => g.id === id) ? groupScores(groups, services)[id] : null;
}

/** The services and the nested groups (at any depth, without the group itself) of a group, each once, in order. */
export function groupTree(groups: Group[], id: string): { services: string[]; groups: string[] } {
  const byId = groupsById(groups);
  const services = new Set<string>();
  const seen = new Set<string>();
  const walk = (gid: string) => {
    const g = byId.get(gid);
    if (!g || seen.has(gid)) {
      return;
    }
    seen.add(gid);
    g.services.forEach((s) => services.add(s));
    g.groups.forEach(walk);
  };
  walk(id);
  seen.delete(id);
  return { services: [...services], groups: [...seen] };
}

/** The services of a group and of its nested groups, each once, in order. */
export const groupServices = (groups: Group[], id: string): string[] => groupTree(groups, id).services;
