import { parseProfile, type DomainSettings, type Profile, type Thresholds } from '../../../scoring';
import type { DomainOverheadOptions } from '../types';

const merge = (base: Thresholds, over: Partial<Thresholds> | undefined): Thresholds => ({ ...base, ...over });

/** The app's domain settings with this panel's overrides, validated by the library (problems name the field). */
export function panelSettings(
  profile: Profile,
  options: Pick<DomainOverheadOptions, 'mode' | 'thresholds'>
): { settings: DomainSettings | null; problems: string[] } {
  const d = profile.domains;
  const t = options.thresholds;
  if (!options.mode && !t.defaults && !t.system && !t.domains) {
    // The app's profile was validated when it was read.
    return { settings: d, problems: [] };
  }
  const domains: DomainSettings = {
    ...d,
    mode: options.mode || d.mode,
    defaults: merge(d.defaults, t.defaults),
    system: merge(d.system, t.system),
    overrides: { ...d.overrides, ...t.domains },
  };
  const parsed = parseProfile({ ...profile, domains });
  const problems = parsed.problems
    .filter((p) => p.path.startsWith('domains'))
    .map((p) => p.message.replace(/^domains\.(overrides\.)?/, ''));
  return { settings: problems.length === 0 ? domains : null, problems };
}
