import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { defaultProfile, type Profile } from '../scoring';
import '../testing/jsdom';
import { grafana, indicator, previewed, queryOf, replaceText, section, show, tier } from '../testing/settingsPage';
import { readFileText } from './settings/profileJson';

// The whole profile edited on the settings page: identity of indicators, SLA queries and burn-rate tiers,
// domain queries; the library's problems under their fields; import and export as JSON; Apply.

jest.setTimeout(30000);

/** The message, and that it sits with `input` and not with `other` (it is under that field). */
function expectUnder(input: HTMLElement, message: string, other: HTMLElement) {
  const shown = screen.getByText(message);
  let box = input.parentElement!;
  while (!box.contains(shown)) {
    box = box.parentElement!;
  }
  expect(box).not.toContain(other);
}

const savedProfile = (g: ReturnType<typeof grafana>) =>
  g.sent('POST', '/api/plugins/perfscope-health-app/settings').at(-1)!.data.jsonData.profile as Profile;

const NEW_DOMAIN_QUERY =
  'sum by (service, domain) (rate(app_domain_seconds_sum{service=~"$service", domain=~"$domain"}[$__rate_interval]))';

it('edits a burn-rate window and a domain query, saves, and Apply writes rules, dashboards and the datasource profile with them', async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  await replaceText(user, within(tier('slow-burn')).getByLabelText('Short window'), '45m');
  await replaceText(user, screen.getByLabelText(/^Time in each domain/), NEW_DOMAIN_QUERY);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved')).toBeInTheDocument();
  const saved = savedProfile(g);
  expect(saved.sla.burnRateTiers[1]).toMatchObject({ name: 'slow-burn', longWindow: '6h', shortWindow: '45m' });
  expect(saved.domains.domainTimeQuery).toBe(NEW_DOMAIN_QUERY);

  await user.click(screen.getByRole('button', { name: 'Apply' }));
  expect(await screen.findByText(/^Alert rules: \d+ created, 0 updated, 0 already up to date$/)).toBeInTheDocument();
  const slowBurn = g.alerting.rules.get('perfscope-burn-rate-slow-burn')!;
  expect(slowBurn.title).toBe('Error budget burn above 6x (6h and 45m)');
  expect(JSON.stringify(slowBurn.data)).toContain('[45m]');
  expect(JSON.stringify([...g.alerting.rules.values()])).not.toContain('(6h and 30m)');
  // The domain rules ask the PerfScope datasource, which scores with its profile: it has the new query.
  expect((g.datasource('perfscope-health')!.jsonData as { profile: Profile }).profile.domains.domainTimeQuery).toBe(
    NEW_DOMAIN_QUERY
  );
  expect(screen.getByText('Settings: already saved.')).toBeInTheDocument();
  // The dashboards, in the rules' folder: the domain panels query the new metric (the executive one its recorded
  // overhead), the SLO window offers 45m where there is one (not on the executive dashboard).
  expect(screen.getByText('Dashboards: 3 created, 0 updated, 0 already up to date')).toBeInTheDocument();
  const dashboards = [...g.dashboards.dashboards.values()];
  expect(dashboards.map((d) => d.meta.folderUid)).toEqual(Array(3).fill(g.alerting.folders[0].uid));
  for (const { dashboard } of dashboards) {
    const text = JSON.stringify(dashboard);
    const executive = dashboard.uid === 'perfscope-executive';
    const metric = executive ? 'perfscope:domain_overhead' : 'app_domain_seconds_sum';
    expect([dashboard.uid, text.includes(metric)]).toEqual([dashboard.uid, true]);
    const window = (dashboard.templating as { list: Array<{ name: string; query: string }> }).list.find(
      (v) => v.name === 'slo_window'
    );
    expect([dashboard.uid, window?.query.split(',').includes('45m') ?? executive]).toEqual([dashboard.uid, true]);
  }
  await previewed();
});

it('changes nothing on a second Apply, and says so', async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  await replaceText(user, within(indicator('CPU')).getByLabelText('Critical'), '95');
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  expect(await screen.findByText('Applied')).toBeInTheDocument();
  expect(screen.getByText('Settings saved.')).toBeInTheDocument();
  expect(
    screen.getByText('PerfScope datasource "PerfScope" (uid perfscope-health): profile updated.')
  ).toBeInTheDocument();
  const writes = g.writes().length;
  expect(writes).toBeGreaterThan(2);
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  expect(await screen.findByText('Nothing to change: everything already follows this profile')).toBeInTheDocument();
  expect(screen.getByText('Settings: already saved.')).toBeInTheDocument();
  expect(
    screen.getByText('PerfScope datasource "PerfScope" (uid perfscope-health): already has this profile.')
  ).toBeInTheDocument();
  expect(screen.getByText(/^Alert rules: 0 created, 0 updated, \d+ already up to date$/)).toBeInTheDocument();
  expect(screen.getByText('Dashboards: 0 created, 0 updated, 3 already up to date')).toBeInTheDocument();
  expect(g.writes()).toHaveLength(writes);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Already saved')).toBeInTheDocument();
  expect(g.writes()).toHaveLength(writes);
});

it("shows a problem under its field, in the library's words, and refuses to save", async () => {
  const user = userEvent.setup();
  grafana();
  show();
  const slowBurn = within(tier('slow-burn'));
  const short = slowBurn.getByLabelText('Short window');
  await replaceText(user, short, '7h');
  expectUnder(short, 'must be shorter than longWindow', slowBurn.getByLabelText('Long window'));
  expect(screen.getByText('sla.burnRateTiers[1].shortWindow must be shorter than longWindow')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  expect(screen.getByRole('button', { name: 'Export as JSON' })).toBeDisabled();
  await replaceText(user, short, '1h');
  expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
  await previewed();
});

it("edits an indicator's name, unit and direction, with the thresholds' order checked for the new direction", async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  const memory = within(indicator('Memory'));
  await replaceText(user, memory.getByLabelText('Name'), 'Resident memory');
  await replaceText(user, memory.getByLabelText(/^Unit/), 'percentunit');
  const resident = within(indicator('Resident memory'));
  await user.click(resident.getByLabelText('Higher is better'));
  const critical = resident.getByLabelText('Critical');
  expectUnder(critical, 'must be less than target', resident.getByLabelText('Target'));
  expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  for (const [field, value] of [
    ['Target', '40'],
    ['Warning', '20'],
    ['Critical', '10'],
  ]) {
    fireEvent.change(resident.getByLabelText(field), { target: { value } });
  }
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved')).toBeInTheDocument();
  expect(savedProfile(g).indicators[3]).toMatchObject({
    id: 'memory',
    name: 'Resident memory',
    unit: 'percentunit',
    direction: 'higher',
    target: 40,
    warning: 20,
    critical: 10,
  });
});

it("edits the SLA queries, a tier's name, severity and budget share, and a domain override", async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  const ratio = screen.getByLabelText(/^Error ratio query/);
  await replaceText(
    user,
    ratio,
    'sum by (service) (rate(errors_total[$window])) / sum by (service) (rate(requests_total[$window]))'
  );
  const fast = within(tier('fast-burn'));
  await replaceText(user, fast.getByLabelText('Name'), 'page-now');
  const paged = within(tier('page-now'));
  await user.click(paged.getByLabelText('warning'));
  await replaceText(user, paged.getByLabelText(/^Budget share/), '0.03');
  await user.type(screen.getByLabelText('Domain to give its own thresholds'), 'checkout');
  await user.click(screen.getByRole('button', { name: 'Thresholds for this domain' }));
  fireEvent.change(document.getElementById('perfscope-domains-overrides-checkout-critical')!, {
    target: { value: '8' },
  });
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved')).toBeInTheDocument();
  const saved = savedProfile(g);
  expect(saved.sla.errorRatioQuery).toContain('errors_total[$window]');
  expect(saved.sla.burnRateTiers[0]).toEqual({
    name: 'page-now',
    budgetFraction: 0.03,
    longWindow: '1h',
    shortWindow: '5m',
    severity: 'warning',
    enabled: true,
  });
  expect(saved.domains.overrides).toEqual({ checkout: { target: 1.5, warning: 3, critical: 8 } });
});

it('edits the error-budget policy, with its order and windows checked, and Apply writes the page and freeze rules with it', async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  const policy = within(screen.getByRole('group', { name: 'Error-budget policy' }));
  const page = policy.getByLabelText('Page at % spent');
  await replaceText(user, page, '40');
  expectUnder(page, 'must be at least warnSpent', policy.getByLabelText('Warn at % spent'));
  expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  await replaceText(user, policy.getByLabelText('Warn at % spent'), '30');
  const windows = policy.getByLabelText(/^Projection windows/);
  await replaceText(user, windows, '1h, 6x');
  expect(policy.getByText(/^Item 2 \("6x"\) must be a positive duration/)).toBeInTheDocument();
  await replaceText(user, windows, '1h, 6h');
  // The text stays as typed while it means the same list.
  await user.type(windows, ',');
  expect(windows).toHaveValue('1h, 6h,');
  await user.type(windows, ' 2d');
  await replaceText(user, policy.getByLabelText(/^Freeze when exhausted within/), '5d');
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved')).toBeInTheDocument();
  expect(savedProfile(g).sla.budgetPolicy).toEqual({
    warnSpent: 30,
    pageSpent: 40,
    freezeSpent: 100,
    freezeExhaustion: '5d',
    windows: ['1h', '6h', '2d'],
  });
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  expect(await screen.findByText('Applied')).toBeInTheDocument();
  const rule = (state: string) => JSON.stringify(g.alerting.rules.get(`perfscope-budget-policy-${state}`));
  expect(rule('page')).toContain('40 % or more of the 30d error budget is spent');
  expect(rule('freeze')).toContain('at the burn rate over 1h, 6h, 2d it is gone within 5d');
  await previewed();
});

describe('import and export', () => {
  let exported: Blob[];
  beforeEach(() => {
    exported = [];
    URL.createObjectURL = jest.fn((blob: Blob) => (exported.push(blob), `blob:perfscope/${exported.length}`));
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  });
  afterEach(() => jest.restoreAllMocks());

  const importSection = () => section('Import and export');

  it('exports the profile as edited, and importing that file gives it back', async () => {
    const user = userEvent.setup();
    const g = grafana();
    show();
    const critical = within(indicator('CPU')).getByLabelText('Critical');
    await replaceText(user, critical, '95');
    await replaceText(user, within(tier('slow-burn')).getByLabelText('Short window'), '45m');
    await user.click(within(importSection()).getByRole('button', { name: 'Export as JSON' }));
    expect(exported).toHaveLength(1);
    const anchor = jest.mocked(HTMLAnchorElement.prototype.click).mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('perfscope-profile.json');
    expect(anchor.href).toBe('blob:perfscope/1');
    const text = await readFileText(exported[0]);
    const file = JSON.parse(text) as Profile;
    expect(file.indicators[2].critical).toBe(95);
    expect(file.sla.burnRateTiers[1].shortWindow).toBe('45m');

    // Back to the defaults, then the exported file in again.
    await replaceText(user, critical, '90');
    await replaceText(user, within(tier('slow-burn')).getByLabelText('Short window'), '30m');
    await user.upload(
      within(importSection()).getByLabelText('Import a JSON file'),
      new File([text], 'perfscope-profile.json', { type: 'application/json' })
    );
    expect(
      await screen.findByText('Imported "perfscope-profile.json": review it above, then Save')
    ).toBeInTheDocument();
    expect(within(indicator('CPU')).getByLabelText('Critical')).toHaveValue('95');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(savedProfile(g)).toEqual(file);
  });

  it('refuses a broken profile, naming every problem, and leaves the draft as it was', async () => {
    const user = userEvent.setup();
    grafana();
    show();
    const broken = { ...defaultProfile(), aggregation: 'best', indicators: [] };
    await user.upload(
      within(importSection()).getByLabelText('Import a JSON file'),
      new File([JSON.stringify(broken)], 'broken.json', { type: 'application/json' })
    );
    const alert = await within(importSection()).findByRole('alert');
    expect(alert).toHaveTextContent('Nothing imported: "broken.json" is not a valid profile');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual(['aggregation must be "weighted" or "worst"', 'indicators must not be empty']);
    expect(queryOf('cpu')).toBe(defaultProfile().indicators[2].query);
    expect(screen.queryByText(/to fix before saving/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
    await previewed();
  });

  it('refuses pasted text that is not JSON, and imports pasted JSON that is a profile', async () => {
    const user = userEvent.setup();
    grafana();
    show();
    const pasted = within(importSection()).getByLabelText(/^Or paste a profile/);
    await replaceText(user, pasted, '{"aggregation": "worst",');
    await user.click(within(importSection()).getByRole('button', { name: 'Import the pasted JSON' }));
    expect(within(importSection()).getByRole('alert')).toHaveTextContent(
      'Nothing imported: the pasted JSON is not a valid profile'
    );
    expect(within(importSection()).getByRole('alert')).toHaveTextContent('it is not JSON:');
    await replaceText(user, pasted, JSON.stringify({ ...defaultProfile(), aggregation: 'worst' }));
    await user.click(within(importSection()).getByRole('button', { name: 'Import the pasted JSON' }));
    expect(screen.getByText('Imported the pasted JSON: review it above, then Save')).toBeInTheDocument();
    expect(screen.getByLabelText('Worst')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Put the previous profile back' }));
    await waitFor(() => expect(screen.getByLabelText('Weighted')).toBeChecked());
    await previewed();
  });
});
