/** A value for a double-quoted PromQL string: backslashes, double quotes and line breaks escaped. */
export const escapeForString = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * The variables whose values a dashboard's viewer chooses. PerfScope escapes them for a double-quoted string
 * (escapeForString), so a profile query may use them only inside one: in '…', `…` or bare they could end the
 * string or the selector and add PromQL of the viewer's own.
 */
export const VIEWER_VARIABLES = ['service', 'domain'];

/** The viewer variables (as written) that `query` uses outside a double-quoted string (or a comment). */
export function unquotedVariables(query: string): string[] {
  const safe = new Set<number>(); // inside a double-quoted string or a comment
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (quote === null) {
      if (ch === '#') {
        // A comment, to the end of the line: an escaped value cannot end it (escapeForString escapes line breaks).
        while (i < query.length && query[i] !== '\n') {
          safe.add(i++);
        }
      } else if (ch === '"' || ch === "'" || ch === '`') {
        quote = ch;
      }
      continue;
    }
    if (quote === '"') {
      safe.add(i);
    }
    if (ch === '\\' && quote !== '`') {
      i++; // an escaped character: a variable starting there would have its value's first character escaped
    } else if (ch === quote) {
      quote = null;
      safe.delete(i);
    }
  }
  const out: string[] = [];
  for (const m of query.matchAll(VARIABLE)) {
    const name = m[1] ?? m[3] ?? m[4];
    if (VIEWER_VARIABLES.includes(name) && !safe.has(m.index)) {
      out.push(m[0]);
    }
  }
  return out;
}

/**
 * Formats of `${name:format}` PerfScope fills in. PerfScope's variable values are already the text a query
 * needs (a service regex, a window), so each of these inserts the value as it is; what Grafana's other
 * formats (csv, json, ...) would write differs, so those stay unfilled.
 */
export const VARIABLE_FORMATS = ['regex', 'pipe', 'raw'];

/** Grafana's template variable forms: $name, ${name}, ${name:format}, [[name]], [[name:format]]. */
export const VARIABLE_PATTERN = String.raw`\$\{(\w+)(?::([^}]*))?\}|\$(\w+)|\[\[(\w+)(?::([^\]]*))?\]\]`;
const VARIABLE = new RegExp(VARIABLE_PATTERN, 'g');

/** A template variable a query uses, as written (`text`), by name and format. */
export interface TemplateVariable {
  text: string;
  name: string;
  format?: string;
}

/** The template variables a query uses with a format PerfScope does not fill in (`${service:csv}`). */
export function unfilledFormats(query: string): string[] {
  const out: string[] = [];
  interpolate(query, {}, (v) => {
    if (v.format !== undefined && !VARIABLE_FORMATS.includes(v.format)) {
      out.push(v.text);
    }
    return v.text;
  });
  return out;
}

/**
 * Fills in the template variables of a query with `vars`. A variable without a value (or with a format
 * PerfScope does not fill in) becomes what `unfilled` returns for it: by default its own text, so Prometheus
 * names it in its error. A name of digits only is not a variable: `$1` in label_replace is a regex group.
 */
export function interpolate(
  query: string,
  vars: Record<string, string>,
  unfilled: (v: TemplateVariable) => string = (v) => v.text
): string {
  return query.replace(VARIABLE, (text, a?: string, fa?: string, b?: string, c?: string, fc?: string) => {
    const name = (a ?? b ?? c)!;
    const format = fa ?? fc;
    if (/^\d+$/.test(name)) {
      return text;
    }
    const known =
      Object.prototype.hasOwnProperty.call(vars, name) && (format === undefined || VARIABLE_FORMATS.includes(format));
    return known ? vars[name] : unfilled({ text, name, ...(format === undefined ? {} : { format }) });
  });
}
