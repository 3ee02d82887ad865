import {
  gate,
  breachIntervals,
  compileIndicators,
  formatDuration,
  gridOf,
  MAX_POINTS,
  parseDuration,
  scoreSeries,
  type Profile,
} from '../../scoring';
import { answerLimits, durationFlag, limitFlags, MAX_TIMEOUT, numberFlag, requiredFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { loadProfile } from '../files';
import { explainMissing } from '../../discovery/explain';
import { measure, measureRange, unlabelledMessage, type Variables } from '../measure';
import { findMissing } from '../missing';
import { DEFAULT_MIN_SCORE, emitReports, reportFlags } from '../output';
import { prometheusClient, redactUrl, type PrometheusClient } from '../prometheus';
import { buildReport, type ServiceReport } from '../report';
import { parseTime } from '../time';
import { checkGroup, groupFlag } from '../group';
import { budgetFlag, checkBudget } from '../budget';

/** Over a range: the score at every step, the breaches (score below --min-score or a key indicator critical) and their MTTR. */
interface RangeSummary {
  start: number;
  end: number;
  stepSeconds: number;
  points: number;
  scoredPoints: number;
  lowestScore: number | null;
  breaches: {
    resolved: Array<{ start: number; end: number; seconds: number }>;
    open: { start: number; end: number; seconds: number } | null;
    mttrSeconds: number | null;
    mttrTargetSeconds: number;
  };
}

/** Why no service has data: each enabled indicator's first missing metric or label, one line each. */
async function noServiceReasons(
  client: PrometheusClient,
  profile: Profile,
  service: string,
  at: number
): Promise<string> {
  const lines = await Promise.all(
    profile.indicators
      .map((ind, i) => ({ ind, i }))
      .filter(({ ind }) => ind.enabled)
      .map(async ({ ind, i }) => {
        const why = await explainMissing(client, ind.query, profile.serviceLabel, service, at);
        return `  ${ind.id} (indicators[${i}].query): ${why ?? 'its metrics have series, but the query returns no value'}`;
      })
  );
  return lines.join('\n');
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'score services live from a Prometheus-compatible API; a CI performance gate',
  usage:
    'perfscope check --prometheus URL [--profile FILE] [--service S | --group ID] [--budget] [--at TIME] [--range 1h] [--min-score N] [--json]',
  flags: [
    {
      name: 'prometheus',
      value: 'URL',
      help: 'Prometheus, Thanos, Mimir or VictoriaMetrics base URL (auth: PERFSCOPE_PROMETHEUS_TOKEN, or _USER and _PASSWORD)',
    },
    {
      name: 'service',
      value: 'S',
      help: 'the service to check ($service, a regex); default: every service, gated on the worst',
    },
    {
      name: 'group',
      value: 'ID',
      help: 'check a group of the profile (its id, or its name in any case): its score, band and N-of-M rules; exit 1 when critical, below --min-score or without data',
    },
    {
      name: 'budget',
      help: "check each service's error-budget policy: budget spent, burn rates, exhaustion per window; exit 1 in page or freeze or without data (warn passes); with --group, the group's policy is its worst service's",
    },
    {
      name: 'at',
      value: 'TIME',
      help: 'evaluate at this time, or end --range there (RFC 3339 or Unix seconds; default: now)',
    },
    {
      name: 'range',
      value: 'DURATION',
      help: 'score every step of the last DURATION; a step below --min-score, with a key indicator critical or (unless --allow-missing) without a score or data for a key indicator fails; reports breaches and MTTR',
    },
    { name: 'step', value: 'DURATION', help: 'step of --range (default: range / 240, at least 15s)' },
    { name: 'rate-interval', value: 'DURATION', help: 'value of $__rate_interval (default 5m)' },
    ...limitFlags,
    ...reportFlags,
  ],
  async run(flags, io) {
    const url = requiredFlag(flags, 'prometheus', 'URL');
    const rangeText = stringFlag(flags, 'range');
    const atText = stringFlag(flags, 'at');
    const profile = loadProfile(stringFlag(flags, 'profile'));
    const minScore = numberFlag(flags, 'min-score', DEFAULT_MIN_SCORE);
    const rateInterval = stringFlag(flags, 'rate-interval') ?? '5m';
    durationFlag(rateInterval, 'rate-interval', '5m');
    const timeout = durationFlag(stringFlag(flags, 'timeout'), 'timeout', '30s', MAX_TIMEOUT);
    const range = rangeText === undefined ? null : durationFlag(rangeText, 'range', '1h');
    const at = atText === undefined ? io.now() : parseTime(atText, 'at');
    const step = range === null ? 0 : stepFlag(stringFlag(flags, 'step'), rangeText!, range);
    const serviceFlag = stringFlag(flags, 'service');
    const vars: Variables = { service: serviceFlag ?? '.*', rateInterval, range: rangeText ?? '1h' };
    const client = prometheusClient(url, io.env, timeout, fetch, ...answerLimits(flags));

    const budget = budgetFlag(flags);
    const group = groupFlag(flags, profile);
    if (group !== undefined) {
      const options = { vars: { rateInterval, range: '1h' }, at, minScore, json: flags.json === true, budget };
      return checkGroup(client, profile, group, options, io);
    }
    const allowMissing = flags['allow-missing'] === true || profile.allowMissing;
    const { services: measured, unlabelled } = await measure(client, profile, vars, at);
    for (const u of unlabelled) {
      io.err(`perfscope: warning: ${unlabelledMessage(u)}`);
    }
    if (budget) {
      return checkBudget(profile, measured, at, flags.json === true, io);
    }
    if (measured.size === 0) {
      const why = await noServiceReasons(client, profile, vars.service, at);
      if (serviceFlag !== undefined) {
        throw new UsageError(
          `--service ${JSON.stringify(serviceFlag)} matches no service in Prometheus at ${redactUrl(url)}:\n${why}`
        );
      }
      io.err(`perfscope: unhealthy: the profile's queries return no data for any service:\n${why}`);
      return 1;
    }
    const reports: ServiceReport[] = [...measured.keys()]
      .sort()
      .map((service) => buildReport(profile, measured.get(service)!, at, service));
    const missing = await findMissing(client, profile, reports, at);
    for (const r of reports) {
      r.missing = missing.get(r);
      for (const m of r.missing!.filter((x) => !x.key || allowMissing)) {
        io.err(
          `perfscope: warning: ${r.service}: ${m.key ? 'key ' : ''}indicator ${m.indicator} has no data: ${m.field}: ${m.reason}`
        );
      }
    }
    const output = { json: flags.json === true, minScore, allowMissing };
    if (range === null) {
      return emitReports(reports, output, io);
    }

    const grid = gridOf(at - range, at, step);
    const series = await measureRange(client, profile, vars, grid.start, at, step);
    const compiled = compileIndicators(profile);
    const keys = profile.indicators.filter((i) => i.enabled && i.key).map((i) => i.id);
    let failed = false;
    const summaries: Record<string, RangeSummary> = {};
    for (const report of reports) {
      const scored = scoreSeries(compiled, grid, series.get(report.service!) ?? {}, { subScores: true });
      const rule = { minScore, allowMissing };
      const breach = Array.from(
        scored.score,
        (score, k) => gate({ score, keys: keys.map((id) => ({ id, subScore: scored.subScores![id][k] })) }, rule).fails
      );
      const b = breachIntervals(scored.timestamps, breach, step);
      const scores = Array.from(scored.score).filter((s) => !Number.isNaN(s));
      const interval = (i: { start: number; end: number; length: number }) => ({
        start: i.start / 1e3,
        end: i.end / 1e3,
        seconds: i.length / 1e3,
      });
      summaries[report.service!] = {
        start: grid.start / 1e3,
        end: at / 1e3,
        stepSeconds: step / 1e3,
        points: grid.length,
        scoredPoints: scores.length,
        lowestScore: scores.length === 0 ? null : scores.reduce((a, b) => Math.min(a, b)),
        breaches: {
          resolved: b.resolved.map(interval),
          open: b.open && interval(b.open),
          mttrSeconds: b.mttr === null ? null : b.mttr / 1e3,
          mttrTargetSeconds: parseDuration(profile.sla.mttrTarget)! / 1e3,
        },
      };
      const count = breach.filter(Boolean).length;
      if (count > 0 || scores.length === 0) {
        failed = true;
        const why =
          scores.length === 0
            ? 'no score at any step'
            : `in breach at ${count} of ${grid.length} steps (score below --min-score ${minScore}, or a key indicator critical${allowMissing ? '' : ', or no score or a key indicator without data'})`;
        io.err(`perfscope: unhealthy: ${report.service}: ${why} over the last ${rangeText}`);
      }
    }
    const ranged = reports.map((r) => ({ ...r, range: summaries[r.service!] }));
    const code = emitReports(ranged, output, io);
    if (flags.json !== true) {
      for (const r of ranged) {
        const s = r.range;
        const mttr =
          s.breaches.mttrSeconds === null
            ? 'no resolved breach'
            : `MTTR ${formatDuration(s.breaches.mttrSeconds * 1e3)} (target ${profile.sla.mttrTarget})`;
        const open = s.breaches.open ? `, in breach for the last ${formatDuration(s.breaches.open.seconds * 1e3)}` : '';
        io.out(
          `\n${r.service}: over the last ${rangeText} (step ${formatDuration(step)}): lowest score ${s.lowestScore?.toFixed(1) ?? '-'}, ${s.breaches.resolved.length} resolved breach(es), ${mttr}${open}`
        );
      }
    }
    return failed ? 1 : code;
  },
};

/** The --step of a --range check: by default about 240 points, never past Prometheus's points limit. */
function stepFlag(text: string | undefined, rangeText: string, range: number): number {
  const step = durationFlag(text, 'step', formatDuration(Math.max(15e3, Math.ceil(range / 240 / 1e3) * 1e3)));
  if (range / step + 1 > MAX_POINTS) {
    throw new UsageError(
      `--range ${rangeText} at --step ${formatDuration(step)} is ${Math.floor(range / step) + 1} points a series; Prometheus answers at most ${MAX_POINTS}: give a --step of at least ${formatDuration(Math.ceil(range / (MAX_POINTS - 1) / 1e3) * 1e3)}`
    );
  }
  return step;
}
