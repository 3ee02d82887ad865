import { bandCeiling, type BacktestRule, type Profile } from '../scoring';
import { alertCatalogue, DEFAULT_OPTIONS } from './catalogue';

/** The profile's alert rules a back-test can replay, and the names of those it cannot. */
export interface BacktestRules {
  rules: BacktestRule[];
  /** Rules on what the back-test does not measure (overhead, saturation signals, missing data). */
  skipped: string[];
}

/**
 * The rules of the alert catalogue that watch the health score, an indicator's thresholds or a burn-rate tier,
 * with their pending periods, for src/scoring's backtest() (the traffic guard is not replayed), and last the
 * gate of `perfscope check` at `minScore` (default the CLI's, the warning band's ceiling).
 */
export function backtestRules(profile: Profile, minScore = bandCeiling('warning')): BacktestRules {
  const rules: BacktestRule[] = [];
  const skipped: string[] = [];
  const indicators = new Set(profile.indicators.filter((i) => i.enabled).map((i) => i.id));
  for (const spec of alertCatalogue(profile, DEFAULT_OPTIONS)) {
    const base = { uid: spec.uid, name: spec.name, severity: spec.severity, for: spec.for };
    const indicator = spec.labels?.indicator;
    if (spec.perfscope?.query.queryType === 'health') {
      rules.push({ ...base, watch: { kind: 'score' } });
    } else if (spec.labels?.tier !== undefined) {
      rules.push({ ...base, watch: { kind: 'tier', tier: spec.labels.tier } });
    } else if (spec.group === 'health' && indicator !== undefined && indicators.has(indicator)) {
      rules.push({ ...base, watch: { kind: 'indicator', indicator } });
    } else {
      skipped.push(spec.name);
    }
  }
  rules.push({
    uid: 'perfscope-check-gate',
    name: `perfscope check (--min-score ${minScore})`,
    severity: 'critical',
    for: '0s',
    watch: { kind: 'gate', minScore, allowMissing: profile.allowMissing },
  });
  return { rules, skipped };
}
