import {
  defaultBacktestRateInterval,
  defaultBacktestStep,
  formatDuration,
  gridOf,
  rangeChunks,
  type BacktestResult,
  type RuleHistory,
} from '../../scoring';
import { answerLimits, durationFlag, limitFlags, MAX_TIMEOUT, numberFlag, requiredFlag, stringFlag } from '../args';
import { backtestProfile, type ProfileBacktest } from '../backtest';
import type { Command, Io } from '../command';
import { UsageError } from '../errors';
import { loadProfile } from '../files';
import { DEFAULT_MIN_SCORE } from '../output';
import type { Variables } from '../measure';
import { prometheusClient, redactUrl } from '../prometheus';
import { num, table } from '../render';
import { parseTime } from '../time';

/** The most chunks of Prometheus' points limit one back-test reads per query: 50 x 11,000 steps. */
export const MAX_CHUNKS = 50;

const minutes = (ms: number) => `${num(ms / 60e3, 0)}m`;

/** One rule of one profile as --json prints it. */
const ruleJson = (r: RuleHistory) => ({
  uid: r.uid,
  name: r.name,
  severity: r.severity,
  for: r.for,
  watch: r.watch,
  fired: r.fired,
  totalSeconds: r.totalMs / 1e3,
  longestSeconds: r.longestMs / 1e3,
  open: r.open,
  episodes: r.episodes.map((e) => ({ start: e.start / 1e3, end: e.end / 1e3, seconds: e.length / 1e3 })),
});

/** One profile's result for a service as --json prints it; null when its queries gave that service nothing. */
const resultJson = (r: BacktestResult | undefined) =>
  r === undefined
    ? null
    : {
        lowestScore: r.lowestScore,
        meanScore: r.meanScore,
        scoredSteps: r.scoredSteps,
        months: r.months,
        rules: r.rules.map(ruleJson),
      };

/** One service's two profiles side by side: score, months, and per rule fired / total / longest. */
function renderService(service: string, names: [string, string], a?: BacktestResult, b?: BacktestResult): string {
  const score = (r?: BacktestResult) => (r ? `${num(r.lowestScore, 1)} / ${num(r.meanScore, 1)}` : 'no data');
  const rows = [
    ['', names[0], names[1]],
    ['score lowest / mean', score(a), score(b)],
  ];
  const months = [...new Set([...(a?.months ?? []), ...(b?.months ?? [])].map((m) => m.month))].sort();
  for (const month of months) {
    const cell = (r?: BacktestResult) => {
      const m = r?.months.find((x) => x.month === month);
      if (!m || m.availability === null) {
        return 'no data';
      }
      return `${num(m.availability, 3)} % ${m.compliant ? 'met' : 'missed'}${m.partial ? ' (partial)' : ''}`;
    };
    rows.push([`${month} availability`, cell(a), cell(b)]);
  }
  const uids = [...new Set([...(a?.rules ?? []), ...(b?.rules ?? [])].map((r) => r.uid))];
  const rules = [['rule (fired / total / longest)', names[0], names[1]]];
  for (const uid of uids) {
    const ra = a?.rules.find((r) => r.uid === uid);
    const rb = b?.rules.find((r) => r.uid === uid);
    const cell = (r?: RuleHistory) =>
      r ? `${r.fired} / ${minutes(r.totalMs)} / ${minutes(r.longestMs)}${r.open ? ' (open)' : ''}` : 'not a rule';
    rules.push([`${(ra ?? rb)!.name} (${(ra ?? rb)!.severity}, for ${(ra ?? rb)!.for})`, cell(ra), cell(rb)]);
  }
  return `${service}\n${table(rows)}\n\n${table(rules)}`;
}

export const backtestCommand: Command = {
  name: 'backtest',
  summary: "replay a profile's alert rules over history, side by side with the current profile",
  usage:
    'perfscope backtest --prometheus URL --profile NEW.json [--against CURRENT.json] [--range 30d] [--step 15m] [--service S] [--at TIME] [--json]',
  flags: [
    { name: 'prometheus', value: 'URL', help: 'Prometheus-compatible base URL (auth as for check)' },
    { name: 'profile', value: 'FILE', help: 'the profile to try (NEW)' },
    { name: 'against', value: 'FILE', help: 'the profile in use to compare with (default: the built-in one)' },
    { name: 'range', value: 'DURATION', help: 'how much history to replay, ending at --at (default 30d)' },
    {
      name: 'step',
      value: 'DURATION',
      help: 'how often the rules are judged (default: the first of 1m, 2m, 5m, 10m, 15m, 20m, 30m, 1h, ... 1d giving at most 2880 steps: 15m over 30d)',
    },
    {
      name: 'rate-interval',
      value: 'DURATION',
      help: 'value of $__rate_interval (default: twice the step, at least 5m)',
    },
    { name: 'service', value: 'S', help: 'the services to replay ($service, a regex; default: every service)' },
    { name: 'at', value: 'TIME', help: 'end of the range (RFC 3339 or Unix seconds; default: now)' },
    {
      name: 'min-score',
      value: 'N',
      help: `the gate of perfscope check replayed with this --min-score (default ${DEFAULT_MIN_SCORE})`,
    },
    { name: 'json', help: 'print the result as JSON' },
    ...limitFlags,
  ],
  async run(flags, io) {
    const url = requiredFlag(flags, 'prometheus', 'URL');
    const newPath = requiredFlag(flags, 'profile', 'FILE');
    const againstPath = stringFlag(flags, 'against');
    const profiles = [loadProfile(newPath), loadProfile(againstPath, 'against')];
    const minScore = numberFlag(flags, 'min-score', DEFAULT_MIN_SCORE);
    const rangeText = stringFlag(flags, 'range') ?? '30d';
    const range = durationFlag(rangeText, 'range', '30d');
    const step = durationFlag(stringFlag(flags, 'step'), 'step', formatDuration(defaultBacktestStep(range)));
    if (step > range) {
      throw new UsageError(`--step ${formatDuration(step)} is longer than --range ${rangeText}`);
    }
    const rateInterval = stringFlag(flags, 'rate-interval') ?? defaultBacktestRateInterval(step);
    durationFlag(rateInterval, 'rate-interval', '5m');
    const timeout = durationFlag(stringFlag(flags, 'timeout'), 'timeout', '30s', MAX_TIMEOUT);
    const at = stringFlag(flags, 'at') === undefined ? io.now() : parseTime(stringFlag(flags, 'at')!, 'at');
    const grid = gridOf(at - range, at, step);
    const chunks = rangeChunks(grid.start, at, step);
    if (chunks.length > MAX_CHUNKS) {
      throw new UsageError(
        `--range ${rangeText} at --step ${formatDuration(step)} is ${grid.length} steps, more than ${MAX_CHUNKS} queries of Prometheus' points limit each: give a longer --step or a shorter --range`
      );
    }
    const vars: Variables = { service: stringFlag(flags, 'service') ?? '.*', rateInterval, range: rangeText };
    const client = prometheusClient(url, io.env, timeout, fetch, ...answerLimits(flags));
    const names: [string, string] = [`NEW ${newPath}`, `CURRENT ${againstPath ?? '(built-in profile)'}`];

    const results: ProfileBacktest[] = [];
    for (const [i, profile] of profiles.entries()) {
      const progress = (done: number) =>
        io.err(
          `perfscope: backtest: ${names[i]}: ${Math.round(done * 100)} % (${chunks.length} chunk(s) of ${grid.length} steps)`
        );
      results.push(await backtestProfile(client, profile, vars, grid, chunks, progress, minScore));
    }
    const services = [...new Set(results.flatMap((r) => [...r.services.keys()]))].sort();
    if (services.length === 0) {
      const which = vars.service === '.*' ? 'any service' : `--service ${JSON.stringify(vars.service)}`;
      io.err(
        `perfscope: backtest: neither profile's queries return data for ${which} over the --range ${rangeText} to ${new Date(at).toISOString().replace('.000Z', 'Z')} at ${redactUrl(url)}`
      );
      return 1;
    }
    const skipped = [...new Set(results.flatMap((r) => r.skipped))];
    if (skipped.length > 0) {
      io.err(
        `perfscope: backtest: not replayed (they watch what the back-test does not measure): ${skipped.join(', ')}`
      );
    }
    const [a, b] = results;
    if (flags.json === true) {
      io.out(
        JSON.stringify(
          {
            range: {
              start: grid.start / 1e3,
              end: at / 1e3,
              stepSeconds: step / 1e3,
              rateInterval,
              steps: grid.length,
              chunks: chunks.length,
            },
            profiles: { new: newPath, against: againstPath ?? null },
            services: services.map((service) => ({
              service,
              new: resultJson(a.services.get(service)),
              against: resultJson(b.services.get(service)),
            })),
          },
          null,
          2
        )
      );
      return 0;
    }
    printText(io, services, names, results, { rangeText, step, at, steps: grid.length });
    return 0;
  },
};

function printText(
  io: Io,
  services: string[],
  names: [string, string],
  [a, b]: ProfileBacktest[],
  r: { rangeText: string; step: number; at: number; steps: number }
) {
  io.out(
    `Back-test over the ${r.rangeText} to ${new Date(r.at).toISOString().replace('.000Z', 'Z')}, every ${formatDuration(r.step)} (${r.steps} steps); a rule fires once per episode that lasts its "for".\n`
  );
  io.out(services.map((s) => renderService(s, names, a.services.get(s), b.services.get(s))).join('\n\n'));
}
