import { parser } from '@prometheus-io/lezer-promql';

import { interpolate, type Direction, type Thresholds } from '../scoring';

// PromQL building blocks for rules. A rule has no dashboard to fill in `$service` or `$__rate_interval`, so
// every template variable of the profile's queries gets a fixed value here. The Prometheus rule file, for
// teams that alert with Prometheus rulers, writes the maths of src/scoring once more in PromQL (the recording
// rules); the tests hold it to the same numbers. Grafana-managed rules leave that maths to the PerfScope
// datasource.

/** Fills in template variables; a variable without a value is an error naming `where` (a profile field). */
export function expand(query: string, values: Record<string, string>, where: string): string {
  return interpolate(query, values, (v) => {
    throw new Error(`${where} uses ${v.text}, which rules cannot fill in (known: ${Object.keys(values).join(', ')})`);
  });
}

/** A number as PromQL reads it back to the same double. */
export const num = (n: number): string => String(n);

/** A regular expression matching exactly s (RE2, as Prometheus and the PerfScope datasource read it). */
export const regexLiteral = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** A PromQL string literal. */
export const str = (s: string): string => JSON.stringify(s);

/** Keeps only finite samples: NaN and ±Inf mean "no data" in PerfScope's maths, as in src/scoring. */
export const finite = (expr: string): string => `((${expr}) > -Inf < +Inf)`;

/** Adds (or replaces) one label on every series of expr. */
export const withLabel = (expr: string, name: string, value: string): string =>
  `label_replace(${expr}, ${str(name)}, ${str(value)}, "", "")`;

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

/** Several series sets in one, each told apart by its own label (e.g. `indicator`). */
export const union = (parts: string[]): string => parts.map((p) => `(${p})`).join(' or ');

/**
 * Puts `offset <by>` after every selector of a query, so the whole query is evaluated that long ago. A query
 * that already has an offset or an `@` modifier cannot be shifted again: that is an error naming `where`.
 */
export function withOffset(query: string, by: string, where: string): string {
  const at: number[] = [];
  let fixed: string | null = null;
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.name === 'OffsetExpr' || node.name === 'StepInvariantExpr' || node.name === 'At') {
        fixed = node.name === 'OffsetExpr' ? 'an offset' : 'an @ modifier';
        return false;
      }
      if (node.name === 'MatrixSelector' || node.name === 'SubqueryExpr' || node.name === 'VectorSelector') {
        at.push(node.to);
        return false;
      }
      return true;
    },
  });
  if (fixed) {
    throw new Error(`${where} already has ${fixed}, so it cannot be compared with ${by} earlier`);
  }
  let out = query;
  for (const pos of at.sort((a, b) => b - a)) {
    out = `${out.slice(0, pos)} offset ${by}${out.slice(pos)}`;
  }
  return out;
}
