import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

// Opens the zip `npm run package` wrote and checks it is laid out as grafana.com expects.
const root = resolve(__dirname, '../..');
const id = 'perfscope-health-app';
const version: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const zip = join(root, 'artifacts', `${id}-${version}.zip`);

function entries(): Map<string, string> {
  if (!existsSync(zip)) {
    throw new Error(`${zip} is missing: run npm run package first`);
  }
  // zipinfo's long format: permissions first, name last.
  const lines = execFileSync('zipinfo', ['-l', zip], { encoding: 'utf8' }).split('\n');
  const out = new Map<string, string>();
  for (const line of lines) {
    const m = /^([-drwxl]{10})\s.*\s(\S+)$/.exec(line);
    if (m) {
      out.set(m[2], m[1]);
    }
  }
  return out;
}

function read(name: string): string {
  return execFileSync('unzip', ['-p', zip, name], { encoding: 'utf8' });
}

const nested = ['datasource', 'panels/healthscore', 'panels/domainoverhead', 'panels/sla'];

test('everything sits in one folder named after the plugin id', () => {
  const names = [...entries().keys()];
  expect(names.length).toBeGreaterThan(10);
  expect(names.filter((n) => !n.startsWith(`${id}/`))).toEqual([]);
  expect(names.filter((n) => n.endsWith('.map') || n.includes('node_modules'))).toEqual([]);
});

test('the app, the datasource and the three panels each have plugin.json, module.js and a logo', () => {
  const names = entries();
  for (const dir of ['', ...nested.map((d) => `${d}/`)]) {
    for (const file of ['plugin.json', 'module.js', 'img/logo.svg']) {
      expect(names.has(`${id}/${dir}${file}`)).toBe(true);
    }
    const plugin = JSON.parse(read(`${id}/${dir}plugin.json`));
    expect(plugin.info.version).toBe(version);
    expect(plugin.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(plugin.dependencies.grafanaDependency).toBe('>=12.3.0');
    expect(names.has(`${id}/${dir}${plugin.info.logos.small}`)).toBe(true);
  }
  for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE', 'go_plugin_build_manifest']) {
    expect(names.has(`${id}/${file}`)).toBe(true);
  }
});

test('the app includes only what the zip holds', () => {
  const names = entries();
  const app = JSON.parse(read(`${id}/plugin.json`));
  for (const inc of app.includes) {
    if (inc.path && !inc.path.startsWith('/')) {
      expect(names.has(`${id}/${inc.path}`)).toBe(true);
    }
  }
});

/** The first bytes of a zip entry (the binaries are tens of MB: only their headers are read). */
function head(name: string, bytes: number): Buffer {
  return execFileSync('bash', ['-c', 'unzip -p "$0" "$1" | head -c "$2"', zip, name, String(bytes)]);
}

/** The platform a binary is built for, from its ELF, Mach-O or PE header. */
function platformOf(header: Buffer): string {
  if (header.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
    const machine: Record<number, string> = { 62: 'amd64', 40: 'arm', 183: 'arm64' };
    return `linux_${machine[header.readUInt16LE(18)] ?? header.readUInt16LE(18)}`;
  }
  if (header.readUInt32LE(0) === 0xfeedfacf) {
    const cpu: Record<number, string> = { 0x01000007: 'amd64', 0x0100000c: 'arm64' };
    return `darwin_${cpu[header.readUInt32LE(4)] ?? header.readUInt32LE(4)}`;
  }
  if (header.subarray(0, 2).toString() === 'MZ') {
    const pe = header.readUInt32LE(0x3c);
    return header.readUInt16LE(pe + 4) === 0x8664 ? 'windows_amd64.exe' : 'windows_?';
  }
  return 'unknown';
}

test('the backend datasource ships for the six platforms, each built for its own, executable', () => {
  const names = entries();
  const ds = JSON.parse(read(`${id}/datasource/plugin.json`));
  expect(ds).toMatchObject({
    id: 'perfscope-health-datasource',
    backend: true,
    alerting: true,
    executable: 'gpx_perfscope',
  });
  const platforms = ['linux_amd64', 'linux_arm64', 'linux_arm', 'darwin_amd64', 'darwin_arm64', 'windows_amd64.exe'];
  for (const platform of platforms) {
    const name = `${id}/datasource/gpx_perfscope_${platform}`;
    const perms = names.get(name);
    expect(perms).toBeDefined();
    if (!platform.startsWith('windows')) {
      expect(perms).toMatch(/^-rwx/);
    }
    expect([platform, platformOf(head(name, 512))]).toEqual([platform, platform]);
  }
  expect([...names.keys()].filter((n) => n.includes('/gpx_perfscope_')).length).toBe(platforms.length);
  const manifest = read(`${id}/go_plugin_build_manifest`);
  expect(manifest).toMatch(/pkg\/main\.go/);
});

test('a missing tool is named in one line and no zip is written', () => {
  const bin = mkdtempSync(join(tmpdir(), 'perfscope-path-'));
  for (const tool of ['go', 'node', 'dirname']) {
    const found = execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    symlinkSync(found, join(bin, tool));
  }
  const out = spawnSync('/bin/bash', [join(root, 'scripts/package.sh')], { env: { PATH: bin }, encoding: 'utf8' });
  expect(out.status).toBe(2);
  expect(out.stderr).toBe('package: zip is not installed (Debian package zip)\n');
});
