// PromQL text edits the dashboards make to the profile's queries: the same query per route, at another quantile,
// or for the failed requests only. Each edit reads the query's code outside string literals (label values and
// template variables inside strings stay as they are) and returns null when the query is not of the shape it
// edits, so a panel never shows a guess.

interface Segment {
  text: string;
  /** A string literal, quotes included. */
  quoted: boolean;
}

/** The query cut into code and string literals ("...", '...' with escapes, `...` raw). */
function segments(query: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  for (let i = 0; i < query.length; i++) {
    const quote = query[i];
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      continue;
    }
    let end = i + 1;
    while (end < query.length && query[end] !== quote) {
      end += query[end] === '\\' && quote !== '`' ? 2 : 1;
    }
    out.push({ text: query.slice(start, i), quoted: false }, { text: query.slice(i, end + 1), quoted: true });
    start = end + 1;
    i = end;
  }
  out.push({ text: query.slice(start), quoted: false });
  return out.filter((s) => s.text !== '');
}

/** The query with `edit` applied to its code, string literals untouched. */
const editCode = (query: string, edit: (code: string) => string) =>
  segments(query)
    .map((s) => (s.quoted ? s.text : edit(s.text)))
    .join('');

const GROUPING = /\b(by|on)(\s*)\(([^()]*)\)/g;

/**
 * The query grouped by `label` too, wherever it groups or matches by `by`: every `by (...)` and `on (...)`
 * that names `by` gets `label` after it (`sum by (service, le)` becomes `sum by (service, route, le)`). Null
 * when no grouping names `by`.
 */
export function groupedAlsoBy(query: string, by: string, label: string): string | null {
  let found = false;
  const out = editCode(query, (code) =>
    code.replace(GROUPING, (all, keyword: string, space: string, list: string) => {
      const labels = list
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean);
      const at = labels.indexOf(by);
      if (at < 0) {
        return all;
      }
      found = true;
      if (!labels.includes(label)) {
        labels.splice(at + 1, 0, label);
      }
      return `${keyword}${space}(${labels.join(', ')})`;
    })
  );
  return found ? out : null;
}

const QUANTILE = /\bhistogram_quantile(\s*\(\s*)([0-9.eE+-]+)(\s*,)/g;

/** The φ of the query's histogram_quantile calls when it is one number for all of them, else null. */
export function quantileOf(query: string): number | null {
  const found = new Set<number>();
  editCode(query, (code) => {
    for (const m of code.matchAll(QUANTILE)) {
      found.add(Number(m[2]));
    }
    return code;
  });
  const [q] = [...found];
  return found.size === 1 && Number.isFinite(q) ? q : null;
}

/** The query at quantile `q` instead (histogram_quantile's φ replaced), or null when it has no single φ. */
export function atQuantile(query: string, q: number): string | null {
  if (quantileOf(query) === null) {
    return null;
  }
  return editCode(query, (code) =>
    code.replace(QUANTILE, (_all, open: string, _phi, comma: string) => `histogram_quantile${open}${q}${comma}`)
  );
}

/** A regular expression matcher's value as Prometheus reads it: anchored at both ends. */
function matches(regex: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${regex})$`).test(value);
  } catch {
    return false;
  }
}

/**
 * The label a query tells server errors by: the first label it matches with a value that accepts "500" and
 * not "200" (`code=~"5.."`, `status="500"`), or null.
 */
export function serverErrorLabel(query: string): string | null {
  const parts = segments(query);
  for (let i = 1; i < parts.length; i++) {
    const m = /([A-Za-z_][A-Za-z0-9_]*)\s*(=~|=)\s*$/.exec(parts[i - 1].text);
    if (!m || !parts[i].quoted || parts[i - 1].quoted) {
      continue;
    }
    let value: string;
    try {
      value = JSON.parse(parts[i].text.startsWith('"') ? parts[i].text : `"${parts[i].text.slice(1, -1)}"`);
    } catch {
      continue;
    }
    const accepts = (v: string) => (m[2] === '=~' ? matches(value, v) : value === v);
    if (accepts('500') && !accepts('200')) {
      return m[1];
    }
  }
  return null;
}

/** The query with one more label matcher in every selector's braces, or null when it has no braces. */
export function withMatcher(query: string, matcher: string): string | null {
  let found = false;
  const parts = segments(query);
  const out = parts.map((s, i) => {
    if (s.quoted) {
      return s.text;
    }
    return s.text.replace(/\}/g, (_brace, at: number) => {
      found = true;
      // What comes before the brace, back to its selector's opening one: empty braces take the matcher alone.
      const before = (i > 0 && at === 0 ? parts[i - 1].text : s.text.slice(0, at)).trimEnd();
      return before.endsWith('{') ? `${matcher}}` : `, ${matcher}}`;
    });
  });
  return found ? out.join('') : null;
}
