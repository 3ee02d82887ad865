import { bandLabel } from '../components/bands';
import { BAND_FLOORS, bandOf, hasData, subScore, SUB_SCORE_AT, type Direction, type Thresholds } from '../scoring';

// Why a value has its band, in words, for the tooltip on every banded value: the band comes from the sub-score
// (SUB_SCORE_AT: 100 at the target, 70 at warning, 50 at critical) cut at the library's band floors, so a value a little past
// its target can still be OK; this says so instead of leaving it to look like a bug.

/** The band floors as the tooltip lists them: "OK from 90, Info from 70, Warning from 50, Critical below". */
export const bandCuts = (): string =>
  `${BAND_FLOORS.filter((b) => b.floor > 0)
    .map((b) => `${bandLabel[b.band]} from ${b.floor}`)
    .join(', ')}, Critical below`;

/** Why a value with thresholds has its band; `format` writes a value or threshold in its unit. */
export function valueBandReason(
  value: number | null,
  t: Thresholds,
  direction: Direction,
  format: (v: number) => string
): string {
  if (!hasData(value)) {
    return 'No data: the value is missing, so it is not banded (and never counts as healthy).';
  }
  const s = subScore(value, t, direction)!;
  const worse = direction === 'higher' ? 'under' : 'over';
  const better = direction === 'higher' ? 'at or above' : 'at or under';
  // Where the value lies, read from its sub-score (the library's anchors), so the words agree with the band.
  const at = SUB_SCORE_AT;
  const where =
    s >= at.target
      ? `${better} its target of ${format(t.target)}`
      : s >= at.warning
        ? `${worse} its target of ${format(t.target)}, not yet past warning at ${format(t.warning)}`
        : s >= at.critical
          ? `past warning at ${format(t.warning)}, not yet past critical at ${format(t.critical)}`
          : `past critical at ${format(t.critical)}`;
  return `${format(value)} is ${where}: sub-score ${Math.round(s)} (target ${at.target}, warning ${at.warning}, critical ${at.critical}), so ${bandLabel[bandOf(s)]}. Bands: ${bandCuts()}.`;
}

/** Why a health score (or, `what` = "Sub-score", an indicator's) has its band. */
export function scoreBandReason(score: number | null, what = 'Score'): string {
  if (!hasData(score)) {
    return what === 'Score'
      ? 'No data: no indicator had a value, so there is no score (and it never counts as healthy).'
      : 'No data: the indicator has no value, so it is left out of the score (and never counts as healthy).';
  }
  return `${what} ${Math.round(score)}, so ${bandLabel[bandOf(score)]}. Bands: ${bandCuts()}.`;
}
