import { parser } from '@prometheus-io/lezer-promql';

// Building blocks of PromQL text: numbers, strings, labels and offsets, as the maths in ./maths needs them.

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
