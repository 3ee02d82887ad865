// The compose stack without a container engine: docker-compose.yaml, the Dockerfile and provisioning/ checked
// against each other and against what the rest of PerfScope expects (plugin ids, datasource UIDs, ports, mounts,
// pinned images); the compose Prometheus config through promtool; the e2e suite through Playwright's loader.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { parse } from 'yaml';

import { DEFAULTS } from '../../demo/workload/config';
import { isScenario } from '../../demo/workload/scenarios';
import { defaultProfile, validateProfile } from '../../src/scoring';

const REPO = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(REPO, path), 'utf8');
const yamlOf = (path: string) => parse(read(path));
const json = (path: string) => JSON.parse(read(path));

const compose = yamlOf('docker-compose.yaml');
const services = compose.services;
const prometheusConfig = yamlOf('demo/prometheus.yml');

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
const dockerfile = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const stages = new Map<string, string[]>();
let stage = '';
for (const line of dockerfile) {
  const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
  if (from) {
    stage = from[2] ?? from[1];
    stages.set(stage, [line]);
  } else {
    stages.get(stage)?.push(line);
  }
}
const fromImage = (name: string) => /^FROM\s+(?:--platform=\S+\s+)?(\S+)/.exec(stages.get(name)![0])![1];
const argDefault = (name: string) => new RegExp(`^ARG ${name}=(\\S+)$`, 'm').exec(dockerfile.join('\n'))?.[1];
const envOf = (name: string) => {
  const env: Record<string, string> = {};
  for (const line of stages.get(name)!.filter((l) => l.startsWith('ENV '))) {
    for (const [, k, v] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) {
      env[k] = v;
    }
  }
  return env;
};

/** Every plugin.json under src/: the app and its nested datasource and panels. */
type PluginJson = { id: string; type: string; executable?: string; dependencies: { grafanaDependency: string } };
const plugins = (function find(dir: string): Array<PluginJson & { path: string }> {
  return readdirSync(join(REPO, dir)).flatMap((name) => {
    const path = posix.join(dir, name);
    if (statSync(join(REPO, path)).isDirectory()) {
      return find(path);
    }
    return name === 'plugin.json' ? [{ ...json(path), path }] : [];
  });
})('src');
const app = plugins.find((p) => p.type === 'app')!;
const datasource = plugins.find((p) => p.type === 'datasource')!;
const PLUGIN_DIR = `/var/lib/grafana/plugins/${app.id}`;

/** The path in this checkout that a service sees at `containerPath`, through its volumes. */
function hostPath(service: string, containerPath: string): string | undefined {
  for (const volume of services[service].volumes ?? []) {
    const [host, target] = String(volume).split(':');
    if (containerPath === target || containerPath.startsWith(`${target}/`)) {
      return posix.join(host, containerPath.slice(target.length));
    }
  }
  return undefined;
}

const semver = /^(\d+)\.(\d+)\.(\d+)$/;
const atLeast = (version: string, minimum: string) => {
  const a = semver.exec(version)!.slice(1).map(Number);
  const b = semver.exec(minimum)!.slice(1).map(Number);
  const i = a.findIndex((x, k) => x !== b[k]);
  return i < 0 || a[i] > b[i];
};

describe('docker-compose.yaml', () => {
  it('runs Grafana, Prometheus and the workload, each port on localhost only', () => {
    expect(Object.keys(services).sort()).toEqual(['grafana', 'prometheus', 'workload']);
    expect(services.grafana.ports).toEqual(['127.0.0.1:3000:3000']);
    expect(services.prometheus.ports).toEqual(['127.0.0.1:9090:9090']);
    expect(services.workload.ports).toEqual([`127.0.0.1:${DEFAULTS.port}:${DEFAULTS.port}`]);
  });

  it('builds Grafana and the workload from this checkout with the Dockerfile', () => {
    expect(services.grafana.build).toMatchObject({ context: '.', target: 'grafana' });
    expect(services.workload.build).toEqual({ context: '.', target: 'workload' });
    expect([...stages.keys()].at(-1)).toBe('grafana'); // a plain `docker build .` gives the Grafana image
  });

  it('pins the official Grafana OSS image at the version the plugin is built against, in both files', () => {
    const version = argDefault('GRAFANA_VERSION')!;
    expect(version).toMatch(semver);
    expect(services.grafana.build.args.GRAFANA_VERSION).toBe(`\${GRAFANA_VERSION:-${version}}`);
    // grafana/grafana is the OSS image; grafana/grafana-oss gets no releases after 12.4.0.
    expect(fromImage('grafana')).toBe('grafana/grafana:${GRAFANA_VERSION}');
    expect(version).toBe(json('package.json').dependencies['@grafana/data']);
    expect(atLeast(version, app.dependencies.grafanaDependency.replace('>=', ''))).toBe(true);
  });

  it('pins Prometheus 2 (3.x rewrites integer le labels that the latency SLO query matches)', () => {
    expect(services.prometheus.image).toMatch(/^prom\/prometheus:v2\.\d+\.\d+$/);
  });

  it('gives Prometheus the demo config and the rule file of provisioning/prometheus', () => {
    const configFlag = services.prometheus.command.find((c: string) => c.startsWith('--config.file='));
    expect(hostPath('prometheus', configFlag.split('=')[1])).toBe('demo/prometheus.yml');
    expect(prometheusConfig.rule_files.map((f: string) => hostPath('prometheus', f))).toEqual([
      'provisioning/prometheus/perfscope.rules.yml',
    ]);
    expect(
      prometheusConfig.scrape_configs.flatMap((s: { static_configs: Array<{ targets: string[] }> }) =>
        s.static_configs.flatMap((c) => c.targets)
      )
    ).toEqual([`workload:${DEFAULTS.port}`]);
  });

  it('mounts provisioning/ where Grafana reads it, and only paths that exist', () => {
    expect(hostPath('grafana', '/etc/grafana/provisioning/datasources')).toBe('provisioning/datasources');
    for (const service of Object.keys(services)) {
      for (const volume of services[service].volumes ?? []) {
        expect([service, existsSync(join(REPO, String(volume).split(':')[0]))]).toEqual([service, true]);
      }
    }
  });

  it('starts the workload in a valid scenario', () => {
    const scenario = /^\$\{PERFSCOPE_DEMO_SCENARIO:-(.+)\}$/.exec(
      services.workload.environment.PERFSCOPE_DEMO_SCENARIO
    );
    expect(isScenario(scenario?.[1])).toBe(true);
  });
});

describe('Dockerfile', () => {
  it('installs every PerfScope plugin into Grafana, allowed unsigned, with anonymous access off', () => {
    const copies = stages.get('grafana')!.filter((l) => l.startsWith('COPY '));
    expect(copies).toEqual([
      `COPY --from=frontend /src/dist ${PLUGIN_DIR}`,
      `COPY --from=backend /out/ ${PLUGIN_DIR}/${dirname(relative('src', datasource.path))}/`,
    ]);
    const env = envOf('grafana');
    expect(env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',').sort()).toEqual(plugins.map((p) => p.id).sort());
    expect(env.GF_AUTH_ANONYMOUS_ENABLED).toBe('false');
    expect(JSON.stringify(services.grafana.environment)).not.toMatch(/GF_AUTH_ANONYMOUS|GF_PLUGINS_ALLOW/);
  });

  it("names the backend binary after the datasource's executable, for the image's platform", () => {
    const build = stages.get('backend')!.find((l) => l.includes('go build'))!;
    expect(build).toContain(`-o /out/${datasource.executable}_\${TARGETOS}_\${TARGETARCH} ./pkg`);
    expect(build).toContain('CGO_ENABLED=0'); // Grafana's image is Alpine: a static binary
  });

  it('builds with the Node of .nvmrc and the Go of go.mod', () => {
    expect(fromImage('deps')).toBe(`node:${read('.nvmrc').trim()}-bookworm-slim`);
    expect(fromImage('workload')).toBe(`node:${read('.nvmrc').trim()}-alpine`);
    const go = /^go (\d+\.\d+)/m.exec(read('go.mod'))![1];
    expect(fromImage('backend')).toBe(`golang:${go}-bookworm`);
  });

  it("copies exactly prom-client's locked dependencies into the workload image", () => {
    const lock = json('package-lock.json').packages;
    const closure = new Set<string>();
    const visit = (name: string) => {
      if (!closure.has(name)) {
        closure.add(name);
        Object.keys(lock[`node_modules/${name}`].dependencies ?? {}).forEach(visit);
      }
    };
    visit('prom-client');
    const run = stages.get('workload-build')!.join(' ');
    // Sources of `cp -r node_modules/<package> ...`, not the targets under build/demo/node_modules/.
    const copied = [...run.matchAll(/(?<![\w/])node_modules\/((?:@[\w.-]+\/)?[\w.-]+)(?=\s)/g)].map((m) => m[1]);
    expect(new Set(copied)).toEqual(closure);
    expect(envOf('workload')).toEqual({ PERFSCOPE_DEMO_HOST: '0.0.0.0', PERFSCOPE_DEMO_PORT: String(DEFAULTS.port) });
  });

  it('copies only sources that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const sources = dockerfile
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) => l.split(/\s+/).slice(1, -1))
      .filter((s) => s !== '.');
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect([source, existsSync(join(REPO, source)), ignored.includes(source)]).toEqual([source, true, false]);
    }
    for (const needed of ['src', 'pkg', 'dashboards', 'demo', 'tsconfig.demo.json', 'webpack.config.ts', '.config']) {
      expect([needed, ignored.includes(needed)]).toEqual([needed, false]);
    }
  });
});

describe('provisioning/', () => {
  /** A value as Grafana reads it from a provisioning file: `$$` is a literal `$`, any other `$` expands. */
  const asGrafanaReads = (value: unknown, where: string): unknown => {
    if (typeof value === 'string') {
      const parts = value.split('$$');
      const expanded = parts.find((p) => p.includes('$'));
      if (expanded !== undefined) {
        throw new Error(`${where}: Grafana would expand "${expanded}" as an environment variable; write $$ for $`);
      }
      return parts.join('$');
    }
    if (Array.isArray(value)) {
      return value.map((v, i) => asGrafanaReads(v, `${where}[${i}]`));
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asGrafanaReads(v, `${where}.${k}`)]));
    }
    return value;
  };

  it('enables the app with the default profile, valid', () => {
    const file = asGrafanaReads(yamlOf('provisioning/plugins/perfscope.yaml'), 'plugins') as {
      apps: Array<{ type: string; disabled: boolean; jsonData: { profile: unknown } }>;
    };
    expect(file.apps).toHaveLength(1);
    expect(file.apps[0]).toMatchObject({ type: app.id, disabled: false });
    // On a mismatch, regenerate jsonData.profile from `npx perfscope profile --default`, writing every $ as $$.
    expect(file.apps[0].jsonData.profile).toEqual(defaultProfile());
    expect(validateProfile(file.apps[0].jsonData.profile)).toEqual([]);
  });

  it('provisions both datasources with their fixed UIDs, pointed at the compose Prometheus', () => {
    const file = asGrafanaReads(yamlOf('provisioning/datasources/perfscope.yaml'), 'datasources') as {
      datasources: Array<{ uid: string; type: string; url: string; jsonData: Record<string, string> }>;
    };
    const byUid = Object.fromEntries(file.datasources.map((d) => [d.uid, d]));
    expect(Object.keys(byUid).sort()).toEqual(['perfscope-health', 'perfscope-prometheus']);
    expect(byUid['perfscope-prometheus'].type).toBe('prometheus');
    expect(byUid['perfscope-health'].type).toBe(datasource.id);
    const port = services.prometheus.ports[0].split(':').at(-1);
    const scrape = prometheusConfig.global.scrape_interval;
    for (const d of file.datasources) {
      expect(d.url).toBe(`http://prometheus:${port}`);
    }
    expect(byUid['perfscope-prometheus'].jsonData.timeInterval).toBe(scrape);
    expect(byUid['perfscope-health'].jsonData.scrapeInterval).toBe(scrape);
  });

  it('leaves the dashboards to the app it enables: every one of dashboards/ is an include, and no file provider owns them too', () => {
    const dashboards = readdirSync(join(REPO, 'dashboards')).filter((f) => f.endsWith('.json'));
    const includes = (
      JSON.parse(readFileSync(join(REPO, 'src/plugin.json'), 'utf8')).includes as Array<{ type: string; path?: string }>
    ).filter((i) => i.type === 'dashboard');
    expect(includes.map((i) => i.path).sort()).toEqual(dashboards.map((f) => `dashboards/${f}`).sort());
    // The app is enabled by provisioning/plugins, so Grafana imports its includes at start.
    expect(yamlOf('provisioning/plugins/perfscope.yaml').apps).toContainEqual(
      expect.objectContaining({ type: 'perfscope-health-app', disabled: false })
    );
    expect(existsSync(join(REPO, 'provisioning/dashboards'))).toBe(false);
  });
});

describe('the compose Prometheus config', () => {
  it('passes promtool with the rule file it mounts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfscope-stack-'));
    try {
      const config = {
        ...prometheusConfig,
        rule_files: prometheusConfig.rule_files.map((f: string) => join(REPO, hostPath('prometheus', f)!)),
      };
      writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config));
      const out = execFileSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
      expect(out).toContain('SUCCESS: 1 rule files found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the @grafana/plugin-e2e suite', () => {
  it('loads with Playwright and holds the app, settings, dashboard and alerting tests', () => {
    const out = execFileSync(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '--list'], {
      cwd: REPO,
      encoding: 'utf8',
      // Playwright refuses to run inside a Jest worker; this is its own process.
      env: { ...process.env, JEST_WORKER_ID: undefined, GRAFANA_URL: 'http://127.0.0.1:1' },
    });
    const listed = out.split('\n').filter((l) => l.includes('[stack]'));
    expect(listed.map((l) => l.replace(/^.*› /, '')).sort()).toEqual([
      'dashboard perfscope-development opens with no panel errors',
      'dashboard perfscope-executive opens with no panel errors',
      'dashboard perfscope-operations opens with no panel errors',
      'the PerfScope app page loads',
      'the provisioned alert rules are listed',
      'the settings page loads the provisioned profile',
    ]);
    expect(out).toContain('[auth]');
  });
});

describe('alerting secrets', () => {
  it('every variable the contact points read is set for Grafana, with a default so the stack starts', () => {
    const wanted = [...read('provisioning/alerting/contact-points.yaml').matchAll(/^\s+\w+: \$([A-Z_]+)\s*$/gm)].map(
      (m) => m[1]
    );
    expect(wanted.length).toBeGreaterThanOrEqual(4);
    for (const name of wanted) {
      expect(services.grafana.environment[name]).toMatch(new RegExp(`^\\$\\{${name}:-.+\\}$`));
    }
  });
});
