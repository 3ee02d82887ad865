/** @jest-environment node */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { FOLDER_TITLE } from '.';

// The alerting and dashboard provisioning files Grafana loads: contact points with their secrets from the
// environment, routing by severity grouped by service, one folder, and runbooks that exist.

const root = join(__dirname, '../..');
const yaml = (path: string) => parse(readFileSync(join(root, path), 'utf8'));

interface Route {
  receiver?: string;
  object_matchers?: Array<[string, string, string]>;
  group_by?: string[];
  continue?: boolean;
  routes?: Route[];
}

/** The receivers an alert with these labels reaches, as Grafana's Alertmanager walks the policy tree. */
function receivers(route: Route, labels: Record<string, string>): string[] {
  const matches = (r: Route) =>
    (r.object_matchers ?? []).every(([name, op, value]) =>
      op === '=' ? labels[name] === value : op === '=~' ? new RegExp(`^(?:${value})$`).test(labels[name] ?? '') : false
    );
  const out: string[] = [];
  for (const child of route.routes ?? []) {
    if (matches(child)) {
      out.push(...receivers(child, labels));
      if (!child.continue) {
        return out;
      }
    }
  }
  return out.length > 0 ? out : [route.receiver!];
}

const contactPoints = yaml('provisioning/alerting/contact-points.yaml');
const policy: Route & { group_by: string[] } = yaml('provisioning/alerting/notification-policies.yaml').policies[0];

it('has webhook, email, Slack and PagerDuty contact points whose secrets come from the environment', () => {
  const byType = Object.fromEntries(
    contactPoints.contactPoints.flatMap(
      (c: { name: string; receivers: Array<{ type: string; settings: Record<string, string> }> }) =>
        c.receivers.map((r) => [r.type, { name: c.name, settings: r.settings }])
    )
  );
  expect(Object.keys(byType).sort()).toEqual(['email', 'pagerduty', 'slack', 'webhook']);
  expect(byType.webhook.settings.url).toBe('$PERFSCOPE_ALERT_WEBHOOK_URL');
  expect(byType.email.settings.addresses).toBe('$PERFSCOPE_ALERT_EMAIL');
  expect(byType.slack.settings.url).toBe('$PERFSCOPE_SLACK_WEBHOOK_URL');
  expect(byType.pagerduty.settings.integrationKey).toBe('$PERFSCOPE_PAGERDUTY_ROUTING_KEY');
  // No literal address, URL or key anywhere in the file.
  expect(readFileSync(join(root, 'provisioning/alerting/contact-points.yaml'), 'utf8')).not.toMatch(/https?:\/\/|@\w/);
});

it('routes by severity, grouped by service, to contact points that exist', () => {
  const names = new Set(contactPoints.contactPoints.map((c: { name: string }) => c.name));
  const walk = (r: Route): string[] => [r.receiver ?? '', ...(r.routes ?? []).flatMap(walk)].filter(Boolean);
  for (const name of walk(policy)) {
    expect(names).toContain(name);
  }
  const perfscope = policy.routes!.find((r) => (r.object_matchers ?? []).some(([k]) => k === 'perfscope'))!;
  expect(perfscope.group_by).toEqual(['service']);
  const to = (severity: string) => receivers(policy, { perfscope: 'managed', severity, service: 'checkout' }).sort();
  expect(to('critical')).toEqual(['PerfScope PagerDuty', 'PerfScope Slack', 'PerfScope webhook']);
  expect(to('warning')).toEqual(['PerfScope Slack', 'PerfScope webhook']);
  expect(to('info')).toEqual(['PerfScope email', 'PerfScope webhook']);
  // Alerts that are not PerfScope's keep the organisation's default route.
  expect(receivers(policy, { severity: 'critical' })).toEqual(['PerfScope webhook']);
});

it('puts the alert rules in the PerfScope folder, found by title, and leaves the dashboards to the app', () => {
  const rules = yaml('provisioning/alerting/perfscope-rules.yaml');
  expect(new Set(rules.groups.map((g: { folder: string }) => g.folder))).toEqual(new Set([FOLDER_TITLE]));
  // One owner: the app's dashboard includes (Grafana imports them when the app is enabled or upgraded). A file
  // provider as well would own the same uids twice and make them read-only for the Settings page's Apply.
  expect(existsSync(join(root, 'provisioning/dashboards'))).toBe(false);
});

it('links every alert to a runbook section of docs/alerts.md that exists', () => {
  const slug = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, '')
      .replace(/ /g, '-');
  const anchors = new Set(
    readFileSync(join(root, 'docs/alerts.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => slug(l.replace(/^#+ /, '')))
  );
  const urls = [
    ...readFileSync(join(root, 'provisioning/alerting/perfscope-rules.yaml'), 'utf8').matchAll(/runbook_url: (\S+)/g),
    ...readFileSync(join(root, 'provisioning/prometheus/perfscope.rules.yml'), 'utf8').matchAll(/runbook_url: (\S+)/g),
  ].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(20);
  for (const url of urls) {
    const [page, anchor] = url.split('#');
    expect(page).toBe('https://github.com/perfscope/perfscope/blob/main/docs/alerts.md');
    expect([anchor, anchors.has(anchor)]).toEqual([anchor, true]);
  }
});
