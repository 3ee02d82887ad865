/** @jest-environment node */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { runCli } from '../testing/cli';
import type { PrometheusRuleFile } from './types';

// The checked-in rule files are `perfscope rules` output for the default profile, and promtool accepts them.

const root = join(__dirname, '../..');
const prometheusDir = join(root, 'provisioning/prometheus');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

it.each([
  ['prometheus', 'provisioning/prometheus/perfscope.rules.yml'],
  ['grafana', 'provisioning/alerting/perfscope-rules.yaml'],
])('%s rules: the checked-in file is what `perfscope rules` writes for the default profile', async (format, path) => {
  const r = await runCli(['rules', '--format', format]);
  expect(r.code).toBe(0);
  // Regenerate with: npx perfscope rules --format <format> --out <path>
  expect(read(path)).toBe(`${r.stdout}\n`);
});

const promtool = (...args: string[]) => execFileSync('promtool', args, { cwd: prometheusDir, encoding: 'utf8' });

it('promtool check rules accepts the rule file', () => {
  expect(promtool('check', 'rules', 'perfscope.rules.yml')).toMatch(/SUCCESS: \d+ rules found/);
});

// About half a minute: days of series for the slow burn-rate tiers.
it('promtool test rules: every alert fires just past its threshold and stays silent just before', () => {
  expect(promtool('test', 'rules', 'perfscope.rules.test.yml', 'perfscope.rules.slow.test.yml')).toMatch(
    /perfscope\.rules\.test\.yml\s+SUCCESS[\s\S]*perfscope\.rules\.slow\.test\.yml\s+SUCCESS/
  );
}, 180_000);

interface UnitTests {
  tests: Array<{
    input_series: Array<{ series: string }>;
    alert_rule_test?: Array<{ alertname: string; exp_alerts: Array<{ exp_labels: Record<string, string> }> }>;
  }>;
}

it('the unit tests cover every alert with a service that fires and one that stays silent', () => {
  const rules = parse(read('provisioning/prometheus/perfscope.rules.yml')) as PrometheusRuleFile;
  const names = rules.groups.flatMap((g) => g.rules.flatMap((r) => ('alert' in r ? [r.alert] : [])));
  const suites = ['perfscope.rules.test.yml', 'perfscope.rules.slow.test.yml'].map(
    (f) => parse(readFileSync(join(prometheusDir, f), 'utf8')) as UnitTests
  );
  const covered = new Map<string, { fire: number; silent: number }>();
  for (const test of suites.flatMap((s) => s.tests)) {
    // An alert instance is a service, or a service's domain.
    const instance = (labels: Record<string, string | undefined>) => `${labels.service}/${labels.domain ?? ''}`;
    const labelsOf = (series: string) =>
      Object.fromEntries([...series.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const services = new Set(test.input_series.map((s) => instance(labelsOf(s.series))));
    for (const check of test.alert_rule_test ?? []) {
      const firing = new Set(check.exp_alerts.map((a) => instance(a.exp_labels)));
      const c = covered.get(check.alertname) ?? { fire: 0, silent: 0 };
      c.fire += firing.size;
      c.silent += [...services].filter((s) => !firing.has(s)).length;
      covered.set(check.alertname, c);
    }
  }
  for (const name of names) {
    expect([name, covered.get(name)?.fire ?? 0]).not.toEqual([name, 0]);
    expect([name, covered.get(name)?.silent ?? 0]).not.toEqual([name, 0]);
  }
});
