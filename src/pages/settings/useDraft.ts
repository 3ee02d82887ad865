import { useCallback, useMemo, useState } from 'react';

import {
  parseProfile,
  type ProfileProblem,
  type BurnRateTier,
  type DomainSettings,
  type Group,
  type Indicator,
  type Profile,
  type SlaSettings,
} from '../../scoring';

/** The profile being edited, every problem the library finds in it, and the edits the page makes. */
export function useDraft(initial: Profile) {
  const [draft, setDraft] = useState<Profile>(initial);
  const found = useMemo(() => parseProfile(draft).problems, [draft]);
  // The same list while the problems stay the same, so that a section whose part of the profile did not change
  // need not render again on an edit elsewhere.
  const [problems, setProblems] = useState(found);
  if (!sameProblems(problems, found)) {
    setProblems(found);
  }
  const byPath = useMemo(() => new Map(problems.map((p) => [p.path, p])), [problems]);
  /** The problem of one field, without its path (the field's label says it). */
  const problem = useCallback(
    (path: string) => {
      const p = byPath.get(path);
      return (
        p &&
        (p.message.startsWith(path) ? p.message.slice(path.length).trim() : p.message) +
          (p.detail ? ` (${p.detail})` : '')
      );
    },
    [byPath]
  );
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
      setGroups: (update: (groups: Group[]) => Group[]) => setDraft((d) => ({ ...d, groups: update(d.groups) })),
      setTier: (i: number, patch: Partial<BurnRateTier>) =>
        setDraft((d) => ({
          ...d,
          sla: { ...d.sla, burnRateTiers: d.sla.burnRateTiers.map((t, k) => (k === i ? { ...t, ...patch } : t)) },
        })),
    }),
    []
  );
  return { draft, problems, problem, ...edits };
}

const sameProblems = (a: ProfileProblem[], b: ProfileProblem[]) =>
  a.length === b.length &&
  a.every((p, i) => p.path === b[i].path && p.message === b[i].message && p.detail === b[i].detail);

/** Whether a section showing these parts of the draft may skip rendering: its parts and the problems are the same. */
export const sameParts =
  (...parts: Array<(d: Draft) => unknown>) =>
  (a: { d: Draft }, b: { d: Draft }) =>
    parts.every((part) => part(a.d) === part(b.d)) && a.d.problems === b.d.problems;

export type Draft = ReturnType<typeof useDraft>;
