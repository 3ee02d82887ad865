import { readFileSync } from 'fs';
import { join } from 'path';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { parseProfile, type Profile } from '../scoring';
import '../testing/jsdom';
import { grafana, previewed, replaceText, section, show } from '../testing/settingsPage';

// The portfolio's groups edited on the settings page: members, weights, key members and N-of-M rules, each
// problem in the library's words under its field; add and remove groups and rules; save.

// The portfolio page has hundreds of fields, which jsdom queries slowly (see input below).
jest.setTimeout(90000);

const portfolio = parseProfile(
  JSON.parse(readFileSync(join(__dirname, '../../testdata/profiles/portfolio.json'), 'utf8'))
).profile!;

const group = (name: string) => within(screen.getByRole('group', { name }));
/**
 * A field by its id (`perfscope-group-<index>-<field>`): with the portfolio's hundreds of labels, jsdom takes
 * seconds to match one by its label text (each label's control is looked up through the whole document).
 */
const input = (id: string) => document.getElementById(`perfscope-${id}`)!;
const savedProfile = (g: ReturnType<typeof grafana>) =>
  g.sent('POST', '/api/plugins/perfscope-health-app/settings').at(-1)!.data.jsonData.profile as Profile;

it('shows each group of the profile, and the default profile has none', async () => {
  grafana();
  show();
  expect(within(section('Groups')).getByText('The profile has no groups.')).toBeInTheDocument();
  await previewed();
});

it("edits a group's members, weights, key members and rules, with the library's problems under their fields, and saves them", async () => {
  const user = userEvent.setup();
  const g = grafana();
  show(portfolio);
  expect(
    within(section('Groups'))
      .getAllByRole('group')
      .filter((el) => el.tagName === 'FIELDSET')
      .map((el) => el.getAttribute('data-group'))
  ).toEqual(['platform', 'payments', 'checkout', 'archive']);

  const checkout = group('Checkout');
  const nested = input('group-2-groups');
  expect(checkout.getByLabelText(/^Nested groups/)).toBe(nested);
  expect(nested).toHaveValue('payments');
  await replaceText(user, nested, 'payments, nowhere');
  expect(checkout.getByText('Item 2 ("nowhere") names no group: "nowhere"')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  await replaceText(user, nested, 'payments');

  const second = within(screen.getByRole('group', { name: 'Rule 2 of Checkout' }));
  await replaceText(user, input('group-2-rule-1-atLeast'), '4');
  expect(second.getByText("must be at most the group's 3 members")).toBeInTheDocument();
  await user.click(second.getByLabelText('More than P %'));
  await replaceText(user, input('group-2-rule-1-morePercent'), '50');
  // The second band of the rule: the members'.
  await user.click(second.getAllByLabelText('info')[1]);
  expect(second.getByText('critical when more than 50 % of the members are info or worse')).toBeInTheDocument();

  const weights = input('group-2-weights');
  await replaceText(user, weights, 'incident=x');
  expect(checkout.getByText('incident: must be a finite number')).toBeInTheDocument();
  await replaceText(user, weights, 'incident=2, healthy=0.5');

  await replaceText(user, input('group-2-keyMembers'), 'payments, nobody');
  expect(checkout.getByText('Item 2 ("nobody") names no member of the group: "nobody"')).toBeInTheDocument();
  await replaceText(user, input('group-2-keyMembers'), 'payments, incident');

  await user.click(group('Archive').getByRole('button', { name: 'Remove group archive' }));
  await user.type(input('groups-new'), 'search');
  await user.click(screen.getByRole('button', { name: 'Add group' }));
  const search = group('search');
  expect(search.getByText('must list at least one service or nested group')).toBeInTheDocument();
  await replaceText(user, input('group-3-services'), 'healthy, domain-overhead');
  await user.click(search.getByLabelText('Worst of'));
  await user.click(search.getByRole('button', { name: 'Add rule' }));

  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved')).toBeInTheDocument();
  const saved = savedProfile(g).groups;
  expect(saved.map((x) => x.id)).toEqual(['platform', 'payments', 'checkout', 'search']);
  expect(saved[2]).toEqual({
    ...portfolio.groups[2],
    weights: { incident: 2, healthy: 0.5 },
    keyMembers: ['payments', 'incident'],
    rules: [portfolio.groups[2].rules[0], { band: 'critical', members: 'info', morePercent: 50 }],
  });
  expect(saved[3]).toEqual({
    id: 'search',
    name: 'search',
    services: ['healthy', 'domain-overhead'],
    groups: [],
    aggregation: 'worst',
    weights: {},
    keyMembers: [],
    rules: [{ band: 'warning', members: 'critical', atLeast: 1 }],
  });
  await previewed();
});

it('names the groups that nest a removed one, and refuses an id already taken', async () => {
  const user = userEvent.setup();
  grafana();
  show(portfolio);
  await user.click(group('Payments').getByRole('button', { name: 'Remove group payments' }));
  expect(group('Checkout').getByText('Item 1 ("payments") names no group: "payments"')).toBeInTheDocument();
  await user.type(input('groups-new'), 'checkout');
  expect(screen.getByText('checkout is taken')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Add group' })).toBeDisabled();
  await previewed();
});
