import { parseProfile, type Profile, type SlaSettings } from '../../../scoring';
import type { SlaOverrides } from '../types';

/** The app's SLA settings with this panel's overrides, validated by the library (problems name the field). */
export function panelSla(
  profile: Profile,
  overrides: SlaOverrides | undefined
): { sla: SlaSettings | null; problems: string[] } {
  // A new panel has no `sla` object: its fields have no defaults of their own.
  const set = Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined && v !== ''));
  if (Object.keys(set).length === 0) {
    // The app's profile was validated when it was read.
    return { sla: profile.sla, problems: [] };
  }
  const sla = { ...profile.sla, ...set };
  const problems = parseProfile({ ...profile, sla })
    .problems.filter((p) => p.path.startsWith('sla'))
    .map((p) => p.message.replace(/^sla\./, ''));
  return { sla: problems.length === 0 ? sla : null, problems };
}
