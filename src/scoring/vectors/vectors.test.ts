/** @jest-environment node */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { vectorCases } from './cases';
import { sections, toJson } from './evaluate';

const dir = join(__dirname, '../../../testdata/vectors');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** The first place where `actual` differs from `expected` (numbers within 1e-9), or null. */
function difference(actual: unknown, expected: unknown, at = ''): string | null {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-9 ? null : `${at}: ${actual} != ${expected}`;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) {
      return `${at}: length ${actual.length} != ${expected.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const d = difference(actual[i], expected[i], `${at}[${i}]`);
      if (d) {
        return d;
      }
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const d = difference(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${at}.${key}`
      );
      if (d) {
        return d;
      }
    }
    return null;
  }
  return actual === expected ? null : `${at}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
}

describe('shared vectors (testdata/vectors)', () => {
  it('has one file per section and at least 200 cases', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(sections).sort());
    const total = files.reduce((n, f) => n + JSON.parse(readFileSync(join(dir, f), 'utf8')).cases.length, 0);
    expect(total).toBeGreaterThanOrEqual(200);
  });

  describe.each(files)('%s', (file) => {
    const { section, cases } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      section: string;
      cases: Array<{ name: string; input: unknown; expected: unknown }>;
    };
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { input, expected }) => {
      expect(difference(toJson(sections[section].evaluate(input)), expected)).toBeNull();
    });
  });

  it('holds exactly the inputs of cases.ts (npm run vectors writes them)', () => {
    for (const [section, makeCases] of Object.entries(vectorCases)) {
      const written = JSON.parse(readFileSync(join(dir, `${section}.json`), 'utf8')).cases;
      expect(written.map((c: { name: string; input: unknown }) => ({ name: c.name, input: c.input }))).toEqual(
        JSON.parse(JSON.stringify(makeCases()))
      );
    }
  });

  it('catches a change of the maths', () => {
    expect(difference({ score: 85.0000001 }, { score: 85 })).toBe('.score: 85.0000001 != 85');
    expect(difference({ band: 'ok', x: [1, null] }, { band: 'ok', x: [1, 2] })).toBe('.x[1]: null != 2');
  });
});
