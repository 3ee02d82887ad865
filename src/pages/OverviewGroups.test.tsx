import { fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import React from 'react';
import { locationService } from '@grafana/runtime';

import { bandLabel } from '../components/bands';
import { ruleText, type GroupRule } from '../scoring';
import { recordedResults } from '../testing/answers';
import { serveDatasources } from '../testing/datasourceSrv';
import { serveGrafanaApi } from '../testing/grafana';
import { loadRecording } from '../testing/load';
import { Overview } from './Overview';
import { scoreText } from './overview/GroupTiles';

// The fixture portfolio over the recorded fixture answers: the tiles show portfolio-expected.json's results.
const testdata = join(__dirname, '../../testdata/profiles');
const profile = JSON.parse(readFileSync(join(testdata, 'portfolio.json'), 'utf8'));
const expected: {
  groups: Record<
    string,
    {
      name: string;
      score: number | null;
      band: keyof typeof bandLabel;
      rules: Array<GroupRule & { held: boolean }>;
      noData: string[];
      services: string[];
    }
  >;
  services: Record<string, { score: number }>;
} = JSON.parse(readFileSync(join(testdata, 'portfolio-expected.json'), 'utf8'));

const answer = recordedResults([loadRecording('health.prometheus'), loadRecording('domainoverhead.prometheus')]);

beforeEach(() => {
  serveDatasources();
  serveGrafanaApi((req) => {
    if (req.url === '/api/plugins/perfscope-health-app/settings') {
      return { status: 200, data: { jsonData: { profile } } };
    }
    return req.url === '/api/ds/query' ? answer(req) : { status: 404, data: { message: 'Not found' } };
  });
});

const serviceNames = () =>
  within(screen.getByRole('list', { name: 'Health by service' }))
    .getAllByRole('listitem')
    .map((t) => within(t).getByRole('group').getAttribute('aria-label')!.split(':')[0]);

it("shows each group's score, band and the rules that held, above the services", async () => {
  render(<Overview />);
  const list = await screen.findByRole('list', { name: 'Health by group' });
  const buttons = within(list).getAllByRole('button');
  const groups = Object.values(expected.groups);
  expect(buttons.map((b) => b.getAttribute('aria-label')!.split(': show')[0])).toEqual(
    groups.map((g) => `${g.name}: ${scoreText(g.score)}, ${bandLabel[g.band]}`)
  );
  for (const g of groups) {
    const held = g.rules.filter((r) => r.held).map(ruleText);
    const items = [...held, ...(g.noData.length > 0 ? [`no data: ${g.noData.join(', ')}`] : [])];
    const rules = screen.queryByRole('list', { name: `Rules that held for ${g.name}` });
    expect([
      g.name,
      rules
        ? within(rules)
            .getAllByRole('listitem')
            .map((li) => li.textContent)
        : [],
    ]).toEqual([g.name, items]);
  }
  expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Groups', 'Services', 'Domains']);
});

it("drills down to a group's services, and back to every service", async () => {
  render(<Overview />);
  const list = await screen.findByRole('list', { name: 'Health by group' });
  expect(serviceNames().sort()).toEqual(Object.keys(expected.services).sort());
  const checkout = expected.groups.checkout;
  fireEvent.click(within(list).getByRole('button', { name: new RegExp(`^${checkout.name}:`) }));
  expect(screen.getByRole('heading', { name: `Services of ${checkout.name}` })).toBeInTheDocument();
  expect(serviceNames().sort()).toEqual(checkout.services.filter((s) => s in expected.services).sort());
  expect(within(list).getByRole('button', { pressed: true })).toHaveAccessibleName(/show every service$/);
  fireEvent.click(within(list).getByRole('button', { pressed: true }));
  expect(serviceNames().sort()).toEqual(Object.keys(expected.services).sort());
});

it('opens with the group the URL names (?group=, as the Executive dashboard links), and keeps the choice there', async () => {
  const checkout = expected.groups.checkout;
  locationService.push(`/a/perfscope-health-app/overview?group=checkout`);
  render(<Overview />);
  const list = await screen.findByRole('list', { name: 'Health by group' });
  expect(screen.getByRole('heading', { name: `Services of ${checkout.name}` })).toBeInTheDocument();
  expect(serviceNames().sort()).toEqual(checkout.services.filter((s) => s in expected.services).sort());
  fireEvent.click(within(list).getByRole('button', { pressed: true }));
  expect(locationService.getSearchObject().group).toBeUndefined();
  const payments = expected.groups.payments;
  fireEvent.click(within(list).getByRole('button', { name: new RegExp(`^${payments.name}:`) }));
  expect(locationService.getSearchObject().group).toBe('payments');
  locationService.push('/a/perfscope-health-app/overview');
});
