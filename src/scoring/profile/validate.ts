import { DURATION_RULE, parseDuration } from '../duration';
import type { BurnRateTier, DomainSettings, Indicator, Profile, SlaSettings, Thresholds } from '../types';
import { readBudgetPolicy } from './budgetPolicy';
import { readGroups } from './groups';
import { defaultProfile } from './defaults';
import { unfilledFormats, unquotedVariables, VARIABLE_FORMATS } from '../variables';

/**
 * Bounds every number of a profile: far past any threshold or weight in use, and small enough that the scoring's
 * sums and differences of them stay finite (two weights of 1e308 summed are Infinity). As pkg/scoring.
 */
export const MAX_NUMBER = 1e12;

/** A viewer variable outside a double-quoted string: what to write instead. */
const UNQUOTED = (text: string) =>
  `uses ${text} outside a double-quoted string, where a viewer's value could end the selector: write it inside double quotes (=~"${text}"), where PerfScope escapes its value`;
import { promqlSyntaxError } from './promql';

/** One thing wrong with a profile. `message` starts with the field path; `detail` adds the parser's words. */
export interface ProfileProblem {
  path: string;
  message: string;
  detail?: string;
}

export interface ParsedProfile {
  /** The profile with absent optional fields filled in, or null when there is a problem. */
  profile: Profile | null;
  problems: ProfileProblem[];
}

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

/** Collects problems while reading fields; absent fields fall back to the given defaults. */
export class Reader {
  readonly problems: ProfileProblem[] = [];

  problem(path: string, text: string, detail?: string) {
    this.problems.push(
      detail === undefined ? { path, message: `${path} ${text}` } : { path, message: `${path} ${text}`, detail }
    );
  }

  object(value: unknown, path: string): Json | null {
    if (isObject(value)) {
      return value;
    }
    this.problem(path, 'must be an object');
    return null;
  }

  number(obj: Json, field: string, path: string, fallback?: number): number {
    const value = obj[field] === undefined ? fallback : obj[field];
    if (!isFiniteNumber(value)) {
      this.problem(join(path, field), 'must be a finite number');
      return NaN;
    }
    if (Math.abs(value) > MAX_NUMBER) {
      this.problem(join(path, field), 'must lie between -1e12 and 1e12');
      return NaN;
    }
    return value;
  }

  string(obj: Json, field: string, path: string, fallback?: string): string {
    const value = obj[field] === undefined ? fallback : obj[field];
    if (typeof value !== 'string') {
      this.problem(join(path, field), 'must be a string');
      return '';
    }
    return value;
  }

  /** A required, non-empty identifier. */
  name(obj: Json, field: string, path: string): string {
    const value = obj[field];
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(join(path, field), 'must be a non-empty string');
      return '';
    }
    return value;
  }

  boolean(obj: Json, field: string, path: string, fallback: boolean): boolean {
    const value = obj[field] === undefined ? fallback : obj[field];
    if (typeof value !== 'boolean') {
      this.problem(join(path, field), 'must be true or false');
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(obj: Json, field: string, path: string, allowed: readonly T[], fallback?: T): T {
    const value = obj[field] === undefined ? fallback : obj[field];
    if (!allowed.includes(value as T)) {
      this.problem(join(path, field), `must be ${allowed.map((a) => JSON.stringify(a)).join(' or ')}`);
      return allowed[0];
    }
    return value as T;
  }

  duration(obj: Json, field: string, path: string, fallback?: string, alsoAllowed?: string): string {
    const value = obj[field] === undefined ? fallback : obj[field];
    if ((alsoAllowed === undefined || value !== alsoAllowed) && parseDuration(value) === null) {
      const alternative = alsoAllowed === undefined ? '' : `${JSON.stringify(alsoAllowed)} or `;
      this.problem(join(path, field), `must be ${alternative}${DURATION_RULE}`);
      return '';
    }
    return value as string;
  }

  /** A PromQL query; `required` queries must not be empty. */
  query(obj: Json, field: string, path: string, required: boolean, fallback?: string): string {
    const query = this.string(obj, field, path, fallback);
    if (query.trim() === '') {
      if (required && typeof (obj[field] ?? fallback) === 'string') {
        this.problem(join(path, field), 'must not be empty');
      }
      return query;
    }
    const error = promqlSyntaxError(query);
    if (error !== null) {
      this.problem(join(path, field), 'is not valid PromQL', error);
    }
    for (const text of unfilledFormats(query)) {
      this.problem(join(path, field), `uses ${text}: PerfScope fills in the formats ${VARIABLE_FORMATS.join(', ')}`);
    }
    for (const text of unquotedVariables(query)) {
      this.problem(join(path, field), UNQUOTED(text));
    }
    return query;
  }

  /** Thresholds in the order of `direction`: target < warning < critical for lower, reversed for higher. */
  thresholds(value: unknown, path: string, higher = false, fallback?: Thresholds): Thresholds {
    const obj = value === undefined && fallback ? (fallback as unknown as Json) : this.object(value, path);
    if (!obj) {
      return { target: NaN, warning: NaN, critical: NaN };
    }
    const t = {
      target: this.number(obj, 'target', path),
      warning: this.number(obj, 'warning', path),
      critical: this.number(obj, 'critical', path),
    };
    this.order(t, path, higher);
    return t;
  }

  order({ target, warning, critical }: Thresholds, path: string, higher: boolean) {
    if (![target, warning, critical].every(Number.isFinite)) {
      return;
    }
    const sign = higher ? -1 : 1;
    if (sign * critical <= sign * target) {
      this.problem(`${path}.critical`, `must be ${higher ? 'less' : 'greater'} than target`);
    } else if (!(sign * target < sign * warning && sign * warning < sign * critical)) {
      this.problem(`${path}.warning`, 'must lie between target and critical');
    }
  }
}

function readIndicators(r: Reader, value: unknown, aggregation: string): Indicator[] {
  if (!Array.isArray(value)) {
    r.problem('indicators', 'must be a list');
    return [];
  }
  if (value.length === 0) {
    r.problem('indicators', 'must not be empty');
    return [];
  }
  const seen = new Set<string>();
  const indicators = value.map((item, i): Indicator | null => {
    const path = `indicators[${i}]`;
    const obj = r.object(item, path);
    if (!obj) {
      return null;
    }
    const id = r.name(obj, 'id', path);
    if (id !== '' && seen.has(id)) {
      r.problem(`${path}.id`, `must be unique: ${JSON.stringify(id)} is used by an earlier indicator`);
    }
    seen.add(id);
    const name = r.string(obj, 'name', path, id);
    const unit = r.string(obj, 'unit', path, '');
    const direction = r.oneOf(obj, 'direction', path, ['lower', 'higher'] as const);
    const target = r.number(obj, 'target', path);
    const warning = r.number(obj, 'warning', path);
    const critical = r.number(obj, 'critical', path);
    if (obj.direction === 'lower' || obj.direction === 'higher') {
      r.order({ target, warning, critical }, path, direction === 'higher');
    }
    const weight = r.number(obj, 'weight', path);
    if (weight < 0) {
      r.problem(`${path}.weight`, 'must not be negative');
    }
    const key = r.boolean(obj, 'key', path, false);
    const enabled = r.boolean(obj, 'enabled', path, true);
    const query = r.query(obj, 'query', path, enabled, '');
    return { id, name, unit, direction, target, warning, critical, weight, key, enabled, query };
  });
  const usable = indicators.filter((ind): ind is Indicator => ind !== null && ind.enabled);
  if (aggregation === 'weighted' && !usable.some((ind) => ind.weight > 0)) {
    r.problem('indicators', 'must include an enabled indicator with a positive weight');
  } else if (usable.length === 0) {
    r.problem('indicators', 'must include an enabled indicator');
  }
  return indicators.filter((ind): ind is Indicator => ind !== null);
}

function readDomains(r: Reader, value: unknown, defaults: DomainSettings): DomainSettings {
  const obj = value === undefined ? {} : r.object(value, 'domains');
  if (!obj) {
    return defaults;
  }
  const path = 'domains';
  const thresholds = r.thresholds(obj.defaults, `${path}.defaults`, false, defaults.defaults);
  const overrides: Record<string, Thresholds> = {};
  const rawOverrides = obj.overrides === undefined ? {} : r.object(obj.overrides, `${path}.overrides`);
  // Sorted so that problems come in the same order whatever the JSON decoder does with object keys.
  for (const domain of Object.keys(rawOverrides ?? {}).sort()) {
    overrides[domain] = r.thresholds(rawOverrides![domain], `${path}.overrides.${domain}`);
  }
  const system = r.thresholds(obj.system, `${path}.system`, false, defaults.system);
  const mode = r.oneOf(obj, 'mode', path, ['share', 'baseline'] as const, defaults.mode);
  return {
    defaults: thresholds,
    overrides,
    system,
    mode,
    baselineOffset: r.duration(obj, 'baselineOffset', path, defaults.baselineOffset),
    domainTimeQuery: r.query(obj, 'domainTimeQuery', path, mode === 'share', defaults.domainTimeQuery),
    totalTimeQuery: r.query(obj, 'totalTimeQuery', path, mode === 'share', defaults.totalTimeQuery),
    domainLatencyQuery: r.query(obj, 'domainLatencyQuery', path, mode === 'baseline', defaults.domainLatencyQuery),
  };
}

function readTiers(r: Reader, value: unknown, path: string): BurnRateTier[] {
  if (!Array.isArray(value)) {
    r.problem(path, 'must be a list');
    return [];
  }
  const seen = new Set<string>();
  return value.flatMap((item, i): BurnRateTier[] => {
    const at = `${path}[${i}]`;
    const obj = r.object(item, at);
    if (!obj) {
      return [];
    }
    const name = r.name(obj, 'name', at);
    if (name !== '' && seen.has(name)) {
      r.problem(`${at}.name`, `must be unique: ${JSON.stringify(name)} is used by an earlier tier`);
    }
    seen.add(name);
    const budgetFraction = r.number(obj, 'budgetFraction', at);
    if (budgetFraction <= 0 || budgetFraction > 1) {
      r.problem(`${at}.budgetFraction`, 'must be greater than 0 and at most 1');
    }
    const longWindow = r.duration(obj, 'longWindow', at);
    const shortWindow = r.duration(obj, 'shortWindow', at);
    if (longWindow && shortWindow && parseDuration(shortWindow)! >= parseDuration(longWindow)!) {
      r.problem(`${at}.shortWindow`, 'must be shorter than longWindow');
    }
    const severity = r.oneOf(obj, 'severity', at, ['critical', 'warning', 'info'] as const);
    const enabled = r.boolean(obj, 'enabled', at, true);
    return [{ name, budgetFraction, longWindow, shortWindow, severity, enabled }];
  });
}

function readSla(r: Reader, value: unknown, defaults: SlaSettings): SlaSettings {
  const obj = value === undefined ? {} : r.object(value, 'sla');
  if (!obj) {
    return defaults;
  }
  const path = 'sla';
  const target = r.number(obj, 'target', path, defaults.target);
  if (target <= 0 || target >= 100) {
    r.problem(`${path}.target`, 'must be greater than 0 and less than 100');
  }
  const period = r.duration(obj, 'period', path, defaults.period, 'month');
  const mttrTarget = r.duration(obj, 'mttrTarget', path, defaults.mttrTarget);
  const latencyThreshold = r.number(obj, 'latencyThreshold', path, defaults.latencyThreshold);
  if (latencyThreshold <= 0) {
    r.problem(`${path}.latencyThreshold`, 'must be greater than 0');
  }
  const latencyTarget = r.number(obj, 'latencyTarget', path, defaults.latencyTarget);
  if (latencyTarget <= 0 || latencyTarget > 100) {
    r.problem(`${path}.latencyTarget`, 'must be greater than 0 and at most 100');
  }
  return {
    target,
    period,
    mttrTarget,
    latencyThreshold,
    latencyTarget,
    burnRateTiers: readTiers(r, obj.burnRateTiers ?? defaults.burnRateTiers, `${path}.burnRateTiers`),
    errorRatioQuery: r.query(obj, 'errorRatioQuery', path, true, defaults.errorRatioQuery),
    latencyComplianceQuery: r.query(obj, 'latencyComplianceQuery', path, true, defaults.latencyComplianceQuery),
    budgetPolicy: readBudgetPolicy(r, obj.budgetPolicy, defaults.budgetPolicy),
  };
}

/** A Prometheus label name that is not one of Prometheus' own (`__*`). */
export const isLabelName = (text: string): boolean => /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/.test(text);

function readServiceLabel(r: Reader, value: unknown): string {
  if (typeof value !== 'string') {
    r.problem('serviceLabel', 'must be a string');
    return '';
  }
  if (!isLabelName(value)) {
    r.problem(
      'serviceLabel',
      `must be a Prometheus label name (letters, digits and _, not starting with a digit or __), not ${JSON.stringify(value)}`
    );
  } else if (value === 'le' || value === 'domain') {
    r.problem(
      'serviceLabel',
      `cannot be "le" or "domain": PerfScope's queries use those labels for buckets and domains`
    );
  }
  return value;
}

/**
 * Reads a profile document (parsed JSON), reporting every problem at once. Absent fields take the default
 * profile's value, except an indicator's id, direction, thresholds, weight and query, which are required.
 */
export function parseProfile(raw: unknown): ParsedProfile {
  const r = new Reader();
  if (!isObject(raw)) {
    r.problems.push({ path: '', message: 'the profile must be a JSON object' });
    return { profile: null, problems: r.problems };
  }
  const defaults = defaultProfile();
  const aggregation = r.oneOf(raw, 'aggregation', '', ['weighted', 'worst'] as const, defaults.aggregation);
  const profile: Profile = {
    aggregation,
    serviceLabel: readServiceLabel(r, raw.serviceLabel ?? defaults.serviceLabel),
    allowMissing: r.boolean(raw, 'allowMissing', '', defaults.allowMissing),
    indicators: readIndicators(r, raw.indicators, raw.aggregation === 'worst' ? 'worst' : 'weighted'),
    domains: readDomains(r, raw.domains, defaults.domains),
    sla: readSla(r, raw.sla, defaults.sla),
    groups: readGroups(r, raw.groups),
  };
  return { profile: r.problems.length === 0 ? profile : null, problems: r.problems };
}

/** Every problem of a profile document, each naming its field path; empty when the profile is valid. */
export function validateProfile(raw: unknown): ProfileProblem[] {
  return parseProfile(raw).problems;
}
