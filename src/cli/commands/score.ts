import { numberFlag, requiredFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { loadProfile, readJsonFile } from '../files';
import { DEFAULT_MIN_SCORE, emitReports, reportFlags } from '../output';
import { buildReport, type Measurements } from '../report';
import { parseTime } from '../time';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `{name: number | null}` part of the values file; every mistake names the file and the field. */
function numbers(value: unknown, path: string, file: string, known?: Set<string>): Record<string, number | null> {
  if (value === undefined) {
    return {};
  }
  if (!isObject(value)) {
    throw new UsageError(`--values ${file}: ${path} must be an object`);
  }
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && typeof v !== 'number') {
      throw new UsageError(`--values ${file}: ${path}.${key} must be a number or null`);
    }
    if (known && !known.has(key)) {
      throw new UsageError(
        `--values ${file}: ${path}.${key} is not an indicator of the profile (${[...known].join(', ')})`
      );
    }
  }
  return value as Record<string, number | null>;
}

export function readValues(raw: unknown, file: string, indicatorIds: string[]): Measurements {
  if (!isObject(raw)) {
    throw new UsageError(`--values ${file}: must be a JSON object with "indicators", "domains" and "sla"`);
  }
  const sla = raw.sla === undefined ? {} : raw.sla;
  if (!isObject(sla)) {
    throw new UsageError(`--values ${file}: sla must be an object`);
  }
  return {
    indicators: numbers(raw.indicators, 'indicators', file, new Set(indicatorIds)),
    domains: numbers(raw.domains, 'domains', file),
    errorRatios: numbers(sla.errorRatio, 'sla.errorRatio', file),
  };
}

export const scoreCommand: Command = {
  name: 'score',
  summary: 'score values from a file, offline',
  usage: 'perfscope score --values FILE [--profile FILE] [--at TIME] [--min-score N] [--json]',
  flags: [
    {
      name: 'values',
      value: 'FILE',
      help: '{"indicators": {id: number|null}, "domains": {name: overhead %}, "sla": {"errorRatio": {window: ratio, "period": ratio}}}',
    },
    { name: 'at', value: 'TIME', help: 'evaluation time, for a calendar-month SLA period (default: now)' },
    ...reportFlags,
  ],
  async run(flags, io) {
    const file = requiredFlag(flags, 'values', 'FILE');
    const profile = loadProfile(stringFlag(flags, 'profile'));
    const minScore = numberFlag(flags, 'min-score', DEFAULT_MIN_SCORE);
    const atText = stringFlag(flags, 'at');
    const at = atText === undefined ? io.now() : parseTime(atText, 'at');
    const values = readValues(
      readJsonFile(file, 'values'),
      file,
      profile.indicators.map((i) => i.id)
    );
    const report = buildReport(profile, values, at);
    report.missing = report.indicators
      .filter((ind) => ind.value === null)
      .map((ind) => ({
        indicator: ind.id,
        key: ind.key,
        field: `indicators.${ind.id}`,
        reason: `no value in --values ${file}`,
      }));
    const allowMissing = flags['allow-missing'] === true || profile.allowMissing;
    for (const m of report.missing.filter((x) => !x.key || allowMissing)) {
      io.err(`perfscope: warning: ${m.key ? 'key ' : ''}indicator ${m.indicator} has no data: ${m.reason}`);
    }
    return emitReports([report], { json: flags.json === true, minScore, allowMissing }, io);
  },
};
