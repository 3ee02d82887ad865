import type { FlagSpec } from './args';
import type { Io } from './command';
import { EXIT_HEALTHY, EXIT_UNHEALTHY } from './errors';
import { renderReport } from './render';
import { gateFailures, type ServiceReport } from './report';

export const DEFAULT_MIN_SCORE = 70;

/** Flags every scoring command shares. */
export const reportFlags: FlagSpec[] = [
  { name: 'profile', value: 'FILE', help: 'the scoring profile (default: the built-in one)' },
  { name: 'min-score', value: 'N', help: `exit 1 below this score (default ${DEFAULT_MIN_SCORE})` },
  { name: 'json', help: 'print the report as JSON' },
];

/**
 * Prints the reports (one object, or `{"services": [...]}` for several, with --json) and gates on the worst:
 * exit 0 when every report passes, 1 otherwise, with the reasons on stderr.
 */
export function emitReports(
  reports: ServiceReport[],
  options: { json: boolean; minScore: number; extra?: object },
  io: Io
): number {
  if (options.json) {
    const body = reports.length === 1 ? { ...reports[0], ...options.extra } : { services: reports, ...options.extra };
    io.out(JSON.stringify(body, null, 2));
  } else {
    io.out(reports.map((r) => renderReport(r, io.colour)).join('\n\n'));
  }
  const failures = reports.flatMap((r) => gateFailures(r, options.minScore));
  for (const f of failures) {
    io.err(`perfscope: unhealthy: ${f}`);
  }
  return failures.length === 0 ? EXIT_HEALTHY : EXIT_UNHEALTHY;
}
