import { DURATION_RULE, parseDuration } from '../duration';
import type { BudgetPolicy } from '../types';
import type { Reader } from './validate';

/** The most burn-rate windows a policy may project from: each is a query per refresh. */
export const MAX_POLICY_WINDOWS = 10;

function readWindows(r: Reader, value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    r.problem(path, 'must be a non-empty list of durations');
    return [];
  }
  if (value.length > MAX_POLICY_WINDOWS) {
    r.problem(path, `must hold at most ${MAX_POLICY_WINDOWS} windows`);
  }
  const seen = new Set<string>();
  return value.flatMap((item, j) => {
    if (typeof item !== 'string' || parseDuration(item) === null) {
      r.problem(`${path}[${j}]`, `must be ${DURATION_RULE}`);
      return [];
    }
    if (seen.has(item)) {
      r.problem(`${path}[${j}]`, `must be unique: ${JSON.stringify(item)} is listed earlier`);
    }
    seen.add(item);
    return [item];
  });
}

/** Reads `sla.budgetPolicy`: spent percents in (0, 100] with warn <= page <= freeze, a duration, windows. */
export function readBudgetPolicy(r: Reader, value: unknown, defaults: BudgetPolicy): BudgetPolicy {
  const path = 'sla.budgetPolicy';
  const obj = value === undefined ? {} : r.object(value, path);
  if (!obj) {
    return defaults;
  }
  const percent = (field: 'warnSpent' | 'pageSpent' | 'freezeSpent') => {
    const v = r.number(obj, field, path, defaults[field]);
    if (v <= 0 || v > 100) {
      r.problem(`${path}.${field}`, 'must be greater than 0 and at most 100');
    }
    return v;
  };
  const warnSpent = percent('warnSpent');
  const pageSpent = percent('pageSpent');
  const freezeSpent = percent('freezeSpent');
  if (pageSpent < warnSpent) {
    r.problem(`${path}.pageSpent`, 'must be at least warnSpent');
  }
  if (freezeSpent < pageSpent) {
    r.problem(`${path}.freezeSpent`, 'must be at least pageSpent');
  }
  return {
    warnSpent,
    pageSpent,
    freezeSpent,
    freezeExhaustion: r.duration(obj, 'freezeExhaustion', path, defaults.freezeExhaustion),
    windows: readWindows(r, obj.windows ?? defaults.windows, `${path}.windows`),
  };
}
