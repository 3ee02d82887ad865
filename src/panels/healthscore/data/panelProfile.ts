import { parseProfile, type Profile } from '../../../scoring';
import type { HealthScoreOptions, IndicatorOverride } from '../types';

const FIELDS: Array<keyof IndicatorOverride> = ['enabled', 'target', 'warning', 'critical', 'weight', 'key'];

/**
 * The app's profile with this panel's overrides, validated by the library; problems name the indicator and
 * the field (e.g. "Error rate: warning must lie between target and critical").
 */
export function panelProfile(
  base: Profile,
  options: Pick<HealthScoreOptions, 'aggregation' | 'indicatorOverrides'>
): { profile: Profile | null; problems: string[] } {
  if (!options.aggregation && Object.keys(options.indicatorOverrides).length === 0) {
    // The app's profile was validated when it was read.
    return { profile: base, problems: [] };
  }
  const merged: Profile = {
    ...base,
    aggregation: options.aggregation || base.aggregation,
    indicators: base.indicators.map((ind) => {
      const override = options.indicatorOverrides[ind.id] ?? {};
      const set = Object.fromEntries(FIELDS.filter((f) => override[f] !== undefined).map((f) => [f, override[f]]));
      return { ...ind, ...set };
    }),
  };
  const parsed = parseProfile(merged);
  const problems = parsed.problems.map((p) =>
    p.message.replace(/^indicators\[(\d+)\]\./, (_, i) => `${merged.indicators[Number(i)]?.name ?? `indicator ${i}`}: `)
  );
  return { profile: parsed.profile, problems };
}
