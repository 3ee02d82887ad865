import type { Group, GroupRule } from '../types';
import type { Json, Reader } from './validate';

const SEVERITIES = ['critical', 'warning', 'info'] as const;

/** The most groups a profile may hold: far past a portfolio's, and small enough that nesting stays shallow. */
export const MAX_GROUPS = 1000;

/** Safe as a Prometheus label value, a CLI argument and a URL: `check --group ID`, the label `group`. */
export const isGroupId = (text: string): boolean => /^[A-Za-z0-9_.-]+$/.test(text);

/** A list of non-empty strings (absent: []). */
function names(r: Reader, obj: Json, field: string, path: string): string[] {
  const value = obj[field] ?? [];
  if (!Array.isArray(value)) {
    r.problem(`${path}.${field}`, 'must be a list');
    return [];
  }
  return value.flatMap((item, j) => {
    if (typeof item !== 'string' || item.trim() === '') {
      r.problem(`${path}.${field}[${j}]`, 'must be a non-empty string');
      return [];
    }
    return [item];
  });
}

function readRule(r: Reader, item: unknown, path: string, memberCount: number): GroupRule | null {
  const obj = r.object(item, path);
  if (!obj) {
    return null;
  }
  const rule: GroupRule = {
    band: r.oneOf(obj, 'band', path, SEVERITIES),
    members: r.oneOf(obj, 'members', path, SEVERITIES),
  };
  if ((obj.atLeast === undefined) === (obj.morePercent === undefined)) {
    r.problem(path, 'must have exactly one of atLeast and morePercent');
  } else if (obj.atLeast !== undefined) {
    rule.atLeast = r.number(obj, 'atLeast', path);
    if (!Number.isInteger(rule.atLeast) || rule.atLeast < 1) {
      r.problem(`${path}.atLeast`, 'must be a whole number of at least 1');
    } else if (rule.atLeast > memberCount) {
      r.problem(`${path}.atLeast`, `must be at most the group's ${memberCount} members`);
    }
  } else {
    rule.morePercent = r.number(obj, 'morePercent', path);
    if (rule.morePercent < 0 || rule.morePercent >= 100) {
      r.problem(`${path}.morePercent`, 'must be at least 0 and less than 100');
    }
  }
  return rule;
}

function readGroup(r: Reader, item: unknown, path: string, seen: Set<string>): Group | null {
  const obj = r.object(item, path);
  if (!obj) {
    return null;
  }
  const id = r.name(obj, 'id', path);
  if (id !== '' && !isGroupId(id)) {
    r.problem(`${path}.id`, `must use only letters, digits, _, - and ., not ${JSON.stringify(id)}`);
  } else if (id !== '' && seen.has(id)) {
    r.problem(`${path}.id`, `must be unique: ${JSON.stringify(id)} is used by an earlier group`);
  }
  seen.add(id);
  const name = r.string(obj, 'name', path, id);
  const services = names(r, obj, 'services', path);
  const groups = names(r, obj, 'groups', path);
  const members = [...services, ...groups];
  if (members.length === 0 && Array.isArray(obj.services ?? []) && Array.isArray(obj.groups ?? [])) {
    r.problem(path, 'must list at least one service or nested group');
  }
  members.forEach((m, j) => {
    if (members.indexOf(m) < j) {
      const at = j < services.length ? `services[${j}]` : `groups[${j - services.length}]`;
      r.problem(`${path}.${at}`, `must be unique among the members: ${JSON.stringify(m)} is listed earlier`);
    }
  });
  const aggregation = r.oneOf(obj, 'aggregation', path, ['weighted', 'worst'] as const, 'weighted');
  const weights: Record<string, number> = {};
  const rawWeights = obj.weights === undefined || obj.weights === null ? {} : r.object(obj.weights, `${path}.weights`);
  for (const member of Object.keys(rawWeights ?? {}).sort()) {
    const w = r.number(rawWeights!, member, `${path}.weights`);
    if (!members.includes(member)) {
      r.problem(`${path}.weights.${member}`, 'names no member of the group');
    } else if (w < 0) {
      r.problem(`${path}.weights.${member}`, 'must not be negative');
    }
    weights[member] = w;
  }
  if (aggregation === 'weighted' && members.length > 0 && !members.some((m) => (weights[m] ?? 1) > 0)) {
    r.problem(`${path}.weights`, 'must give a member a positive weight');
  }
  const keyMembers = names(r, obj, 'keyMembers', path);
  keyMembers.forEach((m, k) => {
    if (!members.includes(m)) {
      r.problem(`${path}.keyMembers[${k}]`, `names no member of the group: ${JSON.stringify(m)}`);
    }
  });
  const rawRules = obj.rules ?? [];
  if (!Array.isArray(rawRules)) {
    r.problem(`${path}.rules`, 'must be a list');
  }
  const rules = (Array.isArray(rawRules) ? rawRules : [])
    .map((rule, k) => readRule(r, rule, `${path}.rules[${k}]`, members.length))
    .filter((rule): rule is GroupRule => rule !== null);
  return { id, name, services, groups, aggregation, weights, keyMembers, rules };
}

/**
 * Every cycle of nested groups, each from the group it re-enters back to it, found by one depth-first walk from
 * each group in profile order, nested groups in list order (each group entered once).
 */
function cycles(order: string[], nested: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const found: string[][] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    path.push(id);
    for (const next of (nested.get(id) ?? []).filter((n) => nested.has(n))) {
      if (state.get(next) === 'open') {
        found.push([...path.slice(path.indexOf(next)), next]);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of order) {
    if (!state.has(id)) {
      visit(id);
    }
  }
  return found;
}

/** The profile's groups (absent: []), with unknown nested groups and cycles named. */
export function readGroups(r: Reader, value: unknown): Group[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    r.problem('groups', 'must be a list');
    return [];
  }
  if (value.length > MAX_GROUPS) {
    r.problem('groups', `must hold at most ${MAX_GROUPS} groups, not ${value.length}`);
    return [];
  }
  const seen = new Set<string>();
  const read = value.map((item, i) => readGroup(r, item, `groups[${i}]`, seen));
  const nested = new Map<string, string[]>();
  read.forEach((g) => g && !nested.has(g.id) && nested.set(g.id, g.groups));
  read.forEach((g, i) =>
    g?.groups.forEach((id, j) => {
      if (!nested.has(id)) {
        r.problem(`groups[${i}].groups[${j}]`, `names no group: ${JSON.stringify(id)}`);
      }
    })
  );
  const order = [...nested.keys()];
  for (const cycle of cycles(order, nested)) {
    const i = read.findIndex((g) => g?.id === cycle[0]);
    r.problem(`groups[${i}].groups`, `must not form a cycle: ${cycle.join(' → ')}`);
  }
  return read.filter((g): g is Group => g !== null);
}
