import { useMemo, useState } from 'react';

import {
  parseProfile,
  type BurnRateTier,
  type DomainSettings,
  type Indicator,
  type Profile,
  type SlaSettings,
} from '../../scoring';

/** The profile being edited, every problem the library finds in it, and the edits the page makes. */
export function useDraft(initial: Profile) {
  const [draft, setDraft] = useState<Profile>(initial);
  const problems = useMemo(() => parseProfile(draft).problems, [draft]);
  const byPath = useMemo(() => new Map(problems.map((p) => [p.path, p])), [problems]);
  // The edits never change, so that a part of the page whose data did not change need not render again.
  const edits = useMemo(
    () => ({
      replace: setDraft,
      setAggregation: (aggregation: Profile['aggregation']) => setDraft((d) => ({ ...d, aggregation })),
      setServiceLabel: (serviceLabel: string) => setDraft((d) => ({ ...d, serviceLabel })),
      setAllowMissing: (allowMissing: boolean) => setDraft((d) => ({ ...d, allowMissing })),
      setIndicator: (i: number, patch: Partial<Indicator>) =>
        setDraft((d) => ({ ...d, indicators: d.indicators.map((ind, k) => (k === i ? { ...ind, ...patch } : ind)) })),
      setDomains: (patch: Partial<DomainSettings>) => setDraft((d) => ({ ...d, domains: { ...d.domains, ...patch } })),
      setSla: (patch: Partial<SlaSettings>) => setDraft((d) => ({ ...d, sla: { ...d.sla, ...patch } })),
      setTier: (i: number, patch: Partial<BurnRateTier>) =>
        setDraft((d) => ({
          ...d,
          sla: { ...d.sla, burnRateTiers: d.sla.burnRateTiers.map((t, k) => (k === i ? { ...t, ...patch } : t)) },
        })),
    }),
    []
  );
  return {
    draft,
    problems,
    /** The problem of one field, without its path (the field's label says it). */
    problem: (path: string) => {
      const p = byPath.get(path);
      return (
        p &&
        (p.message.startsWith(path) ? p.message.slice(path.length).trim() : p.message) +
          (p.detail ? ` (${p.detail})` : '')
      );
    },
    ...edits,
  };
}

export type Draft = ReturnType<typeof useDraft>;
