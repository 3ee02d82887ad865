import { allowedErrorRatio } from '../sla';
import type { BudgetPolicy, Direction, Indicator, Profile, Thresholds } from '../types';
import { num, union, withLabel } from './build';

// The scoring maths of src/scoring written as PromQL, beside the maths it mirrors, for rules that run it in a
// Prometheus ruler (src/alerting assembles them into files). The tests hold it to the library's numbers.

/**
 * The sub-score of src/scoring/subscore.ts: 100 up to the target, 70 at warning, 50 at critical, then down to 0
 * at the warning-to-critical slope. `higher` mirrors `lower` on negated values, as there.
 */
export function subScore(value: string, t: Thresholds, direction: Direction): string {
  // Written in the order src/scoring computes it, (30 x distance) / span, with the spans as differences, so
  // Prometheus rounds every step as the TypeScript and Go maths do.
  const [first, second] =
    direction === 'higher'
      ? [part(num(t.target), value, t.target, t.warning), part(num(t.warning), value, t.warning, t.critical)]
      : [part(value, num(t.target), t.warning, t.target), part(value, num(t.warning), t.critical, t.warning)];
  return `clamp(100 - 30 * clamp(${first.distance}, 0, ${first.span}) / ${first.span} - 20 * clamp_min(${second.distance}, 0) / ${second.span}, 0, 100)`;
}

const part = (from: string, minus: string, a: number, b: number) => ({
  distance: `${from} - ${minus}`,
  span: `(${num(a)} - ${num(b)})`,
});

/** The maths of src/scoring, over any inputs (raw or recorded PromQL). */
export const formulas = {
  /** Weighted mean of the sub-scores with data, capped by key indicators; or the worst sub-score. */
  health(profile: Profile, sub: (ind: Indicator) => string, value: (ind: Indicator) => string): string {
    const enabled = profile.indicators.filter((ind) => ind.enabled);
    if (profile.aggregation === 'worst') {
      return `min by (service) (${union(enabled.map(sub))})`;
    }
    const weighted = enabled.filter((ind) => ind.weight > 0);
    if (weighted.length === 0) {
      throw new Error('the profile has no enabled indicator with a positive weight to score with');
    }
    const points = union(weighted.map((ind) => `${num(ind.weight)} * ${sub(ind)}`));
    // Each indicator with data counts its weight once: value * 0 + weight, told apart by the indicator label.
    const weights = union(
      weighted.map((ind) => withLabel(`${value(ind)} * 0 + ${num(ind.weight)}`, 'indicator', ind.id))
    );
    const mean = `sum by (service) (${points}) / sum by (service) (${weights})`;
    // A key indicator with a weight is in the mean already, so its service has a mean; a pure gate (weight 0)
    // must not create a score where the mean has none.
    const caps = enabled
      .filter((ind) => ind.key)
      .map((ind) => (ind.weight > 0 ? sub(ind) : `${sub(ind)} and on (service) (${mean})`));
    return caps.length === 0 ? mean : `min by (service) (${union([mean, ...caps])})`;
  },
  burnRate: (ratio: string, target: number) => `${ratio} / ${num(allowedErrorRatio(target))}`,
  systemOverhead: (domains: string) => `sum by (service) (${domains})`,
  /** Percent change from `then` to `now`, as src/scoring's baseline overhead: 100 x (now - then) / then. */
  change: (now: string, then: string) =>
    `100 * (${now} - ignoring (indicator) (${then})) / ignoring (indicator) (${then})`,
  availability: (ratio: string) => `100 * (1 - ${ratio})`,
  budgetRemaining: (ratio: string, target: number) => `1 - ${ratio} / ${num(allowedErrorRatio(target))}`,
  /** Percent of the period's budget spent (src/scoring/budget.ts). */
  budgetSpent: (ratio: string, target: number) => `100 * ${ratio} / ${num(allowedErrorRatio(target))}`,
  /**
   * Seconds until the budget is spent at a burn rate, as budget.ts's exhaustionSeconds: remaining x period /
   * burn, 0 once spent, none while nothing burns. The result keeps `remaining`'s labels.
   */
  exhaustionSeconds: (remaining: string, burn: string, periodSeconds: number) =>
    `clamp_min(${remaining}, 0) * ${num(periodSeconds)} / on (service) (${burn} > 0) or on (service) (clamp_min(${remaining}, 0) == 0 and on (service) (${burn}))`,
  /**
   * The policy state's level per service (0 ok, 1 warn, 2 page, 3 freeze) from the spent percent and each
   * window's exhaustion seconds: the spent's level, or freeze when any window exhausts under freezeExhaustion.
   * What is known decides: a window without data does not count (the alerts fire on page and freeze only).
   */
  policyState: (spent: string, exhaustion: string, policy: BudgetPolicy, freezeSeconds: number) => {
    const bySpent = [policy.warnSpent, policy.pageSpent, policy.freezeSpent]
      .map((p) => `(${spent} >= bool ${num(p)})`)
      .join(' + ');
    const byExhaustion = `3 * (min by (service) (${exhaustion}) < bool ${num(freezeSeconds)})`;
    return `max by (service) (${union([withLabel(bySpent, 'by', 'spent'), withLabel(byExhaustion, 'by', 'exhaustion')])})`;
  },
};
