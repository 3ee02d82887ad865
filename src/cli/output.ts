import { bandCeiling } from '../scoring';
import type { FlagSpec } from './args';
import type { Io } from './command';
import { EXIT_HEALTHY, EXIT_UNHEALTHY } from './errors';
import { renderReport } from './render';
import { gateFailures, type ServiceReport } from './report';

/** The gate fails a score in the warning band or worse by default: below the info band's floor (70). */
export const DEFAULT_MIN_SCORE = bandCeiling('warning');

/** Flags every scoring command shares. */
export const reportFlags: FlagSpec[] = [
  { name: 'profile', value: 'FILE', help: 'the scoring profile (default: the built-in one)' },
  { name: 'min-score', value: 'N', help: `exit 1 below this score (default ${DEFAULT_MIN_SCORE})` },
  { name: 'json', help: 'print the report as JSON' },
  {
    name: 'allow-missing',
    help: "a key indicator without data does not fail (as the profile's allowMissing); it is still reported",
  },
];

/**
 * The report a pipeline reads first: the one with the lowest score (no score is lowest), the first of those
 * with a gate failure on a tie.
 */
function worstOf(reports: ServiceReport[], failures: string[][]): ServiceReport {
  const rank = (i: number) => [reports[i].score ?? -Infinity, failures[i].length > 0 ? 0 : 1];
  let worst = 0;
  for (let i = 1; i < reports.length; i++) {
    const [a, b] = [rank(i), rank(worst)];
    if (a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])) {
      worst = i;
    }
  }
  return reports[worst];
}

/**
 * Prints the reports and gates on the worst: exit 0 when every report passes, 1 otherwise, with the reasons on
 * stderr. With --json the top level is always one report (score, band, indicators, ...): the only one, or the
 * worst of several, with all of them under `services`.
 */
export function emitReports(
  reports: ServiceReport[],
  options: { json: boolean; minScore: number; allowMissing?: boolean; extra?: object },
  io: Io
): number {
  const failures = reports.map((r) => gateFailures(r, options.minScore, options.allowMissing));
  if (options.json) {
    const body =
      reports.length === 1
        ? { ...reports[0], ...options.extra }
        : { ...worstOf(reports, failures), services: reports, ...options.extra };
    io.out(JSON.stringify(body, null, 2));
  } else {
    io.out(reports.map((r) => renderReport(r, io.colour)).join('\n\n'));
  }
  for (const f of failures.flat()) {
    io.err(`perfscope: unhealthy: ${f}`);
  }
  return failures.some((f) => f.length > 0) ? EXIT_UNHEALTHY : EXIT_HEALTHY;
}
