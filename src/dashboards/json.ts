// The dashboards as the text of dashboards/*.json: JSON laid out exactly as Prettier lays it out (the repository's
// `prettier --check` reads those files), so the CLI's output is the checked-in file byte for byte. Plain
// TypeScript: the Settings page's Apply writes the same objects through Grafana's API.

/** Prettier's printWidth for this repository (.config/.prettierrc.js). */
const WIDTH = 120;

type Value = unknown;

const isContainer = (v: Value): v is object => typeof v === 'object' && v !== null;
const isEmpty = (v: object) => (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);

/**
 * Prettier's JSON layout: a non-empty object always one key per line (Prettier keeps an object broken when its
 * first key starts a line); an array on one line when it holds no non-empty object or array and fits within
 * the print width with what follows it on the line, else one item per line.
 */
function print(value: Value, indent: string, column: number, after: number): string {
  if (!isContainer(value)) {
    return JSON.stringify(value ?? null);
  }
  if (isEmpty(value)) {
    return Array.isArray(value) ? '[]' : '{}';
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => !isContainer(v) || isEmpty(v))) {
      if (value.some((v) => typeof v === 'number')) {
        // Prettier fills arrays of numbers line by line; no dashboard has one.
        throw new Error('the dashboard JSON printer does not lay out arrays of numbers');
      }
      const flat = `[${value.map((v) => print(v, inner, 0, 0)).join(', ')}]`;
      if (column + flat.length + after <= WIDTH) {
        return flat;
      }
    }
    const items = value.map((v, i) => `${inner}${print(v, inner, inner.length, i < value.length - 1 ? 1 : 0)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  const lines = entries.map(([k, v], i) => {
    const key = `${inner}${JSON.stringify(k)}: `;
    return `${key}${print(v, inner, key.length, i < entries.length - 1 ? 1 : 0)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/**
 * A dashboard (or any JSON value) as the text of its file: what JSON.stringify keeps (no undefined, no
 * functions, -Infinity as null) in Prettier's layout, two spaces, a final newline.
 */
export const dashboardText = (value: Value): string => `${print(JSON.parse(JSON.stringify(value)), '', 0, 0)}\n`;
