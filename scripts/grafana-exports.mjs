// Writes testdata/grafana-12.3-exports.json: every name @grafana/data, @grafana/ui and @grafana/runtime 12.3.3
// export at run time, read from their published ESM builds (fetched with `npm pack`; their own dependencies are
// not needed). src/grafanaCompat.test.ts checks every value PerfScope imports from them against it, so a plugin
// built against a newer @grafana/* still loads on the oldest Grafana it claims (grafanaDependency >=12.3.0).
//   node scripts/grafana-exports.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const version = '12.3.3';
const packages = ['data', 'ui', 'runtime'];
const work = mkdtempSync(join(tmpdir(), 'grafana-exports-'));
const out = resolve(import.meta.dirname, '../testdata/grafana-12.3-exports.json');

/** The names a module exports, following `export * from` into the package's other modules. */
function exportsOf(file, seen = new Set()) {
  if (seen.has(file) || !existsSync(file)) {
    return [];
  }
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const names = [];
  for (const [, list] of text.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of list.split(',')) {
      const parts = item.trim().split(/\s+as\s+/);
      const name = parts[parts.length - 1].trim();
      if (name) {
        names.push(name);
      }
    }
  }
  for (const [, from] of text.matchAll(/export\s*\*\s*from\s*'([^']+)'/g)) {
    if (from.startsWith('.')) {
      names.push(...exportsOf(join(dirname(file), from), seen));
    }
  }
  for (const [, name] of text.matchAll(/export\s+(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)) {
    names.push(name);
  }
  return names;
}

try {
  const result = {
    comment: `Run-time exports of @grafana/{${packages}}@${version}; regenerate with node scripts/grafana-exports.mjs`,
    version,
  };
  for (const p of packages) {
    const tgz = execFileSync('npm', ['pack', '--silent', `@grafana/${p}@${version}`], {
      cwd: work,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', tgz], { cwd: work });
    result[`@grafana/${p}`] = [...new Set(exportsOf(join(work, 'package/dist/esm/index.mjs')))].sort();
    rmSync(join(work, 'package'), { recursive: true });
  }
  writeFileSync(out + '.tmp', JSON.stringify(result, null, 1) + '\n');
  execFileSync('mv', [out + '.tmp', out]);
  console.log(out);
} catch (e) {
  console.error(
    `grafana-exports: ${
      String(e.stderr || e.message)
        .trim()
        .split('\n')[0]
    }`
  );
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
