import { expect, test } from '@grafana/plugin-e2e';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface RuleFile {
  groups: Array<{ rules: Array<{ uid: string; title: string }> }>;
}

// The rules Grafana provisions from provisioning/alerting/perfscope-rules.yaml (`perfscope rules --format grafana`).
const provisioned = () =>
  (
    parse(readFileSync(join(__dirname, '../../provisioning/alerting/perfscope-rules.yaml'), 'utf8')) as RuleFile
  ).groups.flatMap((g) => g.rules);

test('the provisioned alert rules are listed', async ({ page, request }) => {
  const rules = provisioned();
  expect(rules.length).toBeGreaterThan(0);
  const response = await request.get('/api/v1/provisioning/alert-rules');
  expect(response.ok()).toBe(true);
  const served = new Set(((await response.json()) as Array<{ uid: string }>).map((r) => r.uid));
  expect(rules.filter((r) => !served.has(r.uid)).map((r) => r.title)).toEqual([]);

  await page.goto(`/alerting/list?view=list&search=${encodeURIComponent('label:perfscope=managed')}`);
  for (const rule of rules) {
    await expect(page.getByText(rule.title, { exact: true }).first()).toBeVisible();
  }
});
