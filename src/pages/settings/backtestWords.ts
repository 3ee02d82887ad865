// The back-test's result in words, apart from React so that the browser test can say them too.
import { formatDuration, type RuleTotal } from '../../scoring';

/** A length of time in words: minutes up to two hours, then as a Prometheus duration ("3d4h"). */
export const spokenDuration = (ms: number): string =>
  ms < 120 * 60e3 ? `${Math.round(ms / 60e3)} minute${Math.round(ms / 60e3) === 1 ? '' : 's'}` : formatDuration(ms);

export const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;

/** "With these thresholds, the fast-burn tier would have fired 3 times in 30d, for 47 minutes in total; ..." */
export function tierSentence(draft: RuleTotal, saved: RuleTotal | undefined, range: string): string {
  const tier = draft.rule.watch.kind === 'tier' ? draft.rule.watch.tier : draft.rule.name;
  const now = saved
    ? `with the saved ones it fired ${times(saved.fired)}${saved.fired > 0 ? `, for ${spokenDuration(saved.totalMs)}` : ''}`
    : 'the saved profile has no such tier';
  const would =
    draft.fired === 0
      ? `would not have fired in ${range}`
      : `would have fired ${times(draft.fired)} in ${range}, for ${spokenDuration(draft.totalMs)} in total`;
  return `With these thresholds, the ${tier} tier ${would}; ${now}.`;
}
