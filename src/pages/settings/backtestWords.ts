// The back-test's result in words, apart from React so that the browser test can say them too.
import { formatDuration, type RuleTotal } from '../../scoring';

/** A length of time in words: minutes up to two hours, then as a Prometheus duration ("3d4h"). */
export const spokenDuration = (ms: number): string =>
  ms < 120 * 60e3 ? `${Math.round(ms / 60e3)} minute${Math.round(ms / 60e3) === 1 ? '' : 's'}` : formatDuration(ms);

export const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;

/** A range in words: "30d" is "30 days", "1d" "1 day"; other durations as written. */
export function spokenRange(range: string): string {
  const days = /^(\d+)d$/.exec(range);
  return days ? `${days[1]} day${days[1] === '1' ? '' : 's'}` : range;
}

/**
 * "With these thresholds, the fast-burn tier would have fired 3 times in 30 days, for 47 minutes in total; with
 * the saved ones it fired 11 times, for 3h." (over every service together).
 */
export function tierSentence(draft: RuleTotal, saved: RuleTotal | undefined, range: string): string {
  const over = spokenRange(range);
  const tier = draft.rule.watch.kind === 'tier' ? draft.rule.watch.tier : draft.rule.name;
  const now = saved
    ? `with the saved ones it fired ${times(saved.fired)}${saved.fired > 0 ? `, for ${spokenDuration(saved.totalMs)}` : ''}`
    : 'the saved profile has no such tier';
  const would =
    draft.fired === 0
      ? `would not have fired in ${over}`
      : `would have fired ${times(draft.fired)} in ${over}, for ${spokenDuration(draft.totalMs)} in total`;
  return `With these thresholds, the ${tier} tier ${would}; ${now}.`;
}
