/** @jest-environment node */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

// The plugin is built against @grafana/* 12.4 but claims Grafana 12.3 and later (grafanaDependency >=12.3.0), and
// Grafana gives a plugin its own copy of these packages at run time. So every value the shipped code imports
// from them must exist in 12.3 too: testdata/grafana-12.3-exports.json lists what 12.3.3 exports.
const root = join(__dirname, '..');
const exports123: Record<string, string[]> = JSON.parse(
  readFileSync(join(root, 'testdata/grafana-12.3-exports.json'), 'utf8')
);

function shippedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      return e.name === 'testing' ? [] : shippedSources(path);
    }
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Value (not type-only) named imports from @grafana/data, ui and runtime, as "package name". */
function valueImports(source: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(@grafana\/(?:data|ui|runtime))'/g)) {
    if (m[1]) {
      continue;
    }
    for (const item of m[2].split(',')) {
      const name = item.trim().split(/\s+as\s+/)[0];
      if (name && !name.startsWith('type ')) {
        out.push([m[3], name]);
      }
    }
  }
  return out;
}

test('the import reader skips type-only imports', () => {
  expect(
    valueImports(`import { a, type B, c as d } from '@grafana/ui';\nimport type { E } from '@grafana/data';`)
  ).toEqual([
    ['@grafana/ui', 'a'],
    ['@grafana/ui', 'c'],
  ]);
});

test('every value imported from @grafana/data, ui and runtime exists in Grafana 12.3', () => {
  const missing: string[] = [];
  let checked = 0;
  for (const file of shippedSources(join(root, 'src'))) {
    for (const [pkg, name] of valueImports(readFileSync(file, 'utf8'))) {
      checked++;
      if (!exports123[pkg].includes(name)) {
        missing.push(`${relative(root, file)}: ${name} from ${pkg}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(50);
  expect(missing).toEqual([]);
});
