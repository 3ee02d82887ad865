// `perfscope check --budget`: each service's error-budget policy (src/scoring/budget.ts) from the error ratios the
// check measures: the budget spent, the burn rate and projected exhaustion per policy window, and the state.
import { budgetReport, exhaustionText, failsPolicy, type BudgetReport, type Profile } from '../scoring';
import type { ParsedFlags } from './args';
import type { Io } from './command';
import { EXIT_HEALTHY, EXIT_UNHEALTHY, UsageError } from './errors';
import type { Measured } from './measure';
import { num, table } from './render';

/** Whether --budget is given, or a usage error when it comes with --range. */
export function budgetFlag(flags: ParsedFlags): boolean {
  if (flags.budget === undefined) {
    return false;
  }
  if (flags.range !== undefined) {
    throw new UsageError(`--budget takes no --range: it checks the error budget at one time (--at)`);
  }
  return true;
}

/** The JSON of --budget, one entry per service. */
export interface ServiceBudget extends BudgetReport {
  service: string;
}

const period = (profile: Profile) => (profile.sla.period === 'month' ? 'month' : profile.sla.period);

export function renderBudget(b: ServiceBudget, profile: Profile): string {
  const spent =
    b.spent === null ? 'budget spent unknown' : `${num(b.spent, 1)} % of the ${period(profile)} error budget spent`;
  const rows = b.windows.map((w) => [
    w.window,
    w.burnRate === null ? '-' : `${num(w.burnRate, 2)}x`,
    exhaustionText(w),
  ]);
  return [`${b.service}: ${b.state}, ${spent}`, table([['window', 'burn rate', 'exhaustion'], ...rows])].join('\n');
}

/** Why a service fails the policy gate (page, freeze or no data), or null when it passes (ok, warn). */
export function budgetFailure(b: ServiceBudget): string | null {
  if (!failsPolicy(b.state)) {
    return null;
  }
  return b.state === 'nodata'
    ? `${b.service}: no data for the error-budget policy (the error ratio over the period or a policy window is missing)`
    : `${b.service}: error-budget policy ${b.state} (${num(b.spent, 1)} % spent${exhausting(b)})`;
}

/** The soonest projected exhaustion, in words, for the failure line. */
function exhausting(b: ServiceBudget): string {
  const soonest = b.windows
    .filter((w) => w.exhaustionSeconds !== null)
    .sort((x, y) => x.exhaustionSeconds! - y.exhaustionSeconds!)[0];
  if (!soonest) {
    return '';
  }
  return soonest.exhaustionSeconds === 0
    ? '; the budget is spent'
    : `; at the ${soonest.window} burn rate the budget is gone ${exhaustionText(soonest)}`;
}

/** Prints each measured service's policy and gates: exit 1 on page, freeze or no data; warn passes with a warning. */
export function checkBudget(
  profile: Profile,
  measured: Measured['services'],
  at: number,
  json: boolean,
  io: Io
): number {
  const budgets: ServiceBudget[] = [...measured.keys()]
    .sort()
    .map((service) => ({ service, ...budgetReport(profile.sla, measured.get(service)!.errorRatios, at) }));
  io.out(json ? JSON.stringify(budgets, null, 2) : budgets.map((b) => renderBudget(b, profile)).join('\n\n'));
  let failed = budgets.length === 0;
  if (failed) {
    io.err('perfscope: unhealthy: no service has data for the error-budget policy');
  }
  for (const b of budgets) {
    const failure = budgetFailure(b);
    if (failure !== null) {
      failed = true;
      io.err(`perfscope: unhealthy: ${failure}`);
    } else if (b.state === 'warn') {
      io.err(`perfscope: warning: ${b.service}: error-budget policy warn (${num(b.spent, 1)} % spent)`);
    }
  }
  return failed ? EXIT_UNHEALTHY : EXIT_HEALTHY;
}
