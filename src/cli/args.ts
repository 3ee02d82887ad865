import { DURATION_RULE, parseDuration } from '../scoring';
import { UsageError } from './errors';

export interface FlagSpec {
  name: string;
  /** Placeholder of the value (`FILE`, `URL`); absent for a boolean switch. */
  value?: string;
  help: string;
}

export type ParsedFlags = Record<string, string | boolean | undefined>;

/** Parses `--name value`, `--name=value` and `--switch`; every mistake names the flag. */
export function parseFlags(argv: string[], specs: FlagSpec[], command: string): ParsedFlags {
  const flags: ParsedFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)} (flags start with --)`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      throw new UsageError(`unknown flag --${name} (see perfscope ${command} --help)`);
    }
    if (flags[name] !== undefined) {
      throw new UsageError(`--${name} is given twice`);
    }
    if (spec.value === undefined) {
      if (eq >= 0) {
        throw new UsageError(`--${name} takes no value`);
      }
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value (${spec.value})`);
    }
    flags[name] = value;
  }
  return flags;
}

export const stringFlag = (flags: ParsedFlags, name: string): string | undefined =>
  typeof flags[name] === 'string' ? (flags[name] as string) : undefined;

/** A flag the command cannot run without. */
export function requiredFlag(flags: ParsedFlags, name: string, placeholder: string): string {
  const value = stringFlag(flags, name);
  if (value === undefined) {
    throw new UsageError(`--${name} ${placeholder} is required`);
  }
  return value;
}

/** A numeric flag, or `fallback` when absent. */
export function numberFlag(flags: ParsedFlags, name: string, fallback: number): number {
  const text = stringFlag(flags, name);
  if (text === undefined) {
    return fallback;
  }
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`--${name} must be a number, not ${JSON.stringify(text)}`);
  }
  return n;
}

/** A whole-number flag from `min` to `max`; anything else is a usage error naming the flag and the range. */
export function countFlag(flags: ParsedFlags, name: string, fallback: number, min: number, max: number): number {
  const n = numberFlag(flags, name, fallback);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${stringFlag(flags, name)}`);
  }
  return n;
}

/** The flags of a request's time and answer limits (--timeout, --max-answer-mb, --max-series). */
export const limitFlags: FlagSpec[] = [
  { name: 'timeout', value: 'DURATION', help: 'per-request timeout (default 30s, at most 1h)' },
  { name: 'max-answer-mb', value: 'MIB', help: 'the most one answer may hold (default 64)' },
  { name: 'max-series', value: 'N', help: 'the most series one answer may hold (default 10000)' },
];

/** The answer limits of --max-answer-mb and --max-series, for prometheusClient. */
export function answerLimits(flags: ParsedFlags): [bytes: number, series: number] {
  return [
    countFlag(flags, 'max-answer-mb', 64, 1, 1024) * (1 << 20),
    countFlag(flags, 'max-series', 10_000, 1, 1_000_000),
  ];
}

/** Help text for a command's flags, aligned. */
export function flagHelp(specs: FlagSpec[]): string {
  const left = specs.map((s) => `  --${s.name}${s.value ? ` ${s.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return specs.map((s, i) => `${left[i].padEnd(width)}${s.help}`).join('\n');
}

/**
 * A duration flag in ms; a value that is not a positive duration (of at most `max`, when given) is a usage
 * error naming the flag.
 */
export function durationFlag(text: string | undefined, flag: string, fallback: string, max?: string): number {
  const ms = parseDuration(text ?? fallback);
  if (ms === null) {
    throw new UsageError(`--${flag} must be ${DURATION_RULE}, not ${JSON.stringify(text)}`);
  }
  if (max !== undefined && ms > parseDuration(max)!) {
    throw new UsageError(`--${flag} must be at most ${max}, not ${JSON.stringify(text)}`);
  }
  return ms;
}

/** The longest request timeout: a Prometheus query that runs longer is not one to wait for. */
export const MAX_TIMEOUT = '1h';
