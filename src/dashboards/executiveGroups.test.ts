/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DASHBOARDS } from '../alerting';
import { parseProfile, type Profile } from '../scoring';
import { countQueries, generatedDashboards, panelsOf } from '../testing/dashboards';
import { OVERVIEW_GROUP_URL } from './groups';

const portfolio = parseProfile(
  JSON.parse(readFileSync(join(__dirname, '../../testdata/profiles/portfolio.json'), 'utf8'))
).profile!;
const executive = (profile: Profile) =>
  generatedDashboards(profile).find((d) => d.json.uid === DASHBOARDS.executive)!.json;

it('adds a group row above the services only when the profile has groups', () => {
  const plain = executive({ ...portfolio, groups: [] });
  const json = executive(portfolio);
  const titles = (d: typeof json) => panelsOf(d).map((p) => p.title);
  expect(titles(plain)).not.toContain('Groups');
  const groups = panelsOf(json).find((p) => p.title === 'Groups')!;
  expect(groups.targets).toEqual([expect.objectContaining({ queryType: 'group', group: '.*' })]);
  expect(groups.gridPos).toMatchObject({ x: 0, y: 0, w: 24 });
  // Every other panel moves down by the row's height, in the same order.
  const ys = (d: typeof json) =>
    panelsOf(d)
      .filter((p) => p.title !== 'Groups')
      .map((p) => (p.gridPos as { y: number }).y);
  expect(ys(json)).toEqual(ys(plain).map((y) => y + (groups.gridPos as { h: number }).h));
  for (const g of portfolio.groups) {
    expect(groups.description).toContain(g.name);
  }
  expect(groups.description).toContain('Checkout: critical when at least 2 members are warning or worse');
  // Each tile drills down to the Overview page with the group's services (the page reads ?group=).
  expect((groups.fieldConfig as { defaults: { links: unknown[] } }).defaults.links).toEqual([
    { title: expect.stringContaining('${__field.labels.group}'), url: OVERVIEW_GROUP_URL },
  ]);
  expect(OVERVIEW_GROUP_URL).toMatch(/^\/a\/perfscope-health-app\/overview\?group=\$\{__field\.labels\.group\}$/);
});

it('counts the group row in the load it states: the budget of 8 plus one query per enabled indicator', () => {
  const enabled = portfolio.indicators.filter((i) => i.enabled).length;
  const plain = countQueries(executive({ ...portfolio, groups: [] }), portfolio).total;
  const json = executive(portfolio);
  const total = countQueries(json, portfolio).total;
  expect(plain).toBeLessThanOrEqual(8);
  expect(total).toBe(plain + enabled);
  expect(json.description).toContain(`in ${total} Prometheus queries a load`);
  const names = (json.templating as { list: Array<{ name: string }> }).list.map((v) => v.name);
  expect(names).toContain('perfscope');
});
