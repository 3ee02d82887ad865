import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import '../testing/jsdom';
import { CREATED, PROVISIONED } from '../testing/datasourceSrv';
import { grafana, pickDatasource, previewed, section, show } from '../testing/settingsPage';

// The Datasources section: the Prometheus and PerfScope datasources picked among this Grafana's, saved in the
// app's jsonData, and used by the preview, detection, Save and Apply.

jest.setTimeout(30000);

const [promEu, perfscopeEu] = CREATED;
const queriedUids = (g: ReturnType<typeof grafana>) =>
  g
    .sent('POST', '/api/ds/query')
    .map((r) => [...new Set(r.data.queries.map((q: { datasource: { uid: string } }) => q.datasource.uid))].join());

it('lists only datasources of each type, starting from the provisioned ones', async () => {
  const user = userEvent.setup();
  grafana();
  show();
  const ds = section('Datasources');
  expect(within(ds).getByText('Prometheus', { selector: ':not(label *)' })).toBeInTheDocument();
  expect(within(ds).getByText('PerfScope', { selector: ':not(label *)' })).toBeInTheDocument();
  await user.click(screen.getByLabelText(/^Prometheus datasource/));
  const options = screen.getAllByRole('option').map((o) => o.textContent);
  expect(options).toEqual(['Prometheus', 'Prometheus EU']);
  await user.keyboard('{Escape}');
  await user.click(screen.getByLabelText(/^PerfScope datasource/));
  expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['PerfScope', 'PerfScope EU']);
  await user.keyboard('{Escape}');
  await previewed();
});

it('previews on the Prometheus datasource picked, then saves both picks and pushes the profile to the PerfScope one picked', async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  await previewed();
  expect(queriedUids(g)).toEqual(['perfscope-prometheus']);
  await pickDatasource(user, 'Prometheus', promEu.name);
  await waitFor(() => expect(queriedUids(g)).toEqual(['perfscope-prometheus', promEu.uid]));
  await pickDatasource(user, 'PerfScope', perfscopeEu.name);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Saved')).toBeInTheDocument();
  const [app] = g.sent('POST', '/api/plugins/perfscope-health-app/settings');
  expect(app.data.jsonData.datasources).toEqual({ prometheusUid: promEu.uid, perfscopeUid: perfscopeEu.uid });
  expect(g.sent('PUT', `/api/datasources/uid/${perfscopeEu.uid}`)).toHaveLength(1);
  expect(g.sent('PUT', '/api/datasources/uid/perfscope-health')).toEqual([]);
  expect(g.datasource(perfscopeEu.uid)!.jsonData).toEqual({
    scrapeInterval: '15s',
    profile: app.data.jsonData.profile,
  });
});

it('applies with the datasources picked: the rules and the dashboards query them, the PerfScope one gets the profile', async () => {
  const user = userEvent.setup();
  const g = grafana();
  show();
  await pickDatasource(user, 'Prometheus', promEu.name);
  await pickDatasource(user, 'PerfScope', perfscopeEu.name);
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  expect(await screen.findByText(/^Alert rules: \d+ created, 0 updated, 0 already up to date$/)).toBeInTheDocument();
  const uids = new Set([...g.alerting.rules.values()].flatMap((r) => r.data.map((q) => q.datasourceUid)));
  expect(uids).toEqual(new Set([promEu.uid, perfscopeEu.uid, '__expr__']));
  expect(
    screen.getByText(`PerfScope datasource "PerfScope EU" (uid ${perfscopeEu.uid}): profile updated.`)
  ).toBeInTheDocument();
  expect(g.app.jsonData.datasources).toEqual({ prometheusUid: promEu.uid, perfscopeUid: perfscopeEu.uid });
  const dashboards = [...g.dashboards.dashboards.values()].map((d) => d.dashboard);
  expect(dashboards).toHaveLength(3);
  for (const d of dashboards) {
    const variables = (d.templating as { list: Array<{ name: string; current: { value: string } }> }).list;
    expect([d.uid, variables.find((v) => v.name === 'datasource')!.current.value]).toEqual([d.uid, promEu.uid]);
  }
  expect(JSON.stringify(dashboards)).not.toMatch(/perfscope-prometheus|"perfscope-health"/);
  expect(JSON.stringify(dashboards)).toContain(perfscopeEu.uid);
  await previewed();
});

it('starts from the datasources saved in the settings', async () => {
  const g = grafana();
  show(undefined, { datasources: { prometheusUid: promEu.uid } });
  const ds = section('Datasources');
  expect(within(ds).getByText('Prometheus EU', { selector: ':not(label *)' })).toBeInTheDocument();
  expect(within(ds).getByText('PerfScope', { selector: ':not(label *)' })).toBeInTheDocument();
  await previewed();
  expect(queriedUids(g)).toEqual([promEu.uid]);
});

it('names a saved datasource that no longer exists, waits to preview and detect, and refuses to Apply until one is picked', async () => {
  const user = userEvent.setup();
  const g = grafana();
  show(undefined, { datasources: { prometheusUid: 'deleted-prom' } });
  const field = screen.getByLabelText(/^Prometheus datasource/).closest('[data-datasource]') as HTMLElement;
  expect(field).toHaveTextContent(
    'The Prometheus datasource chosen in the PerfScope settings (uid deleted-prom) does not exist in this Grafana, or you may not use it'
  );
  expect(screen.getByText('Choose a Prometheus datasource above to preview the scores.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Detect from my Prometheus' })).toBeDisabled();
  expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  expect(screen.getByText('Apply waits for both datasources: choose them under Datasources.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
  expect(g.sent('POST', '/api/ds/query')).toEqual([]);
  await pickDatasource(user, 'Prometheus', 'Prometheus');
  expect(screen.getByRole('button', { name: 'Apply' })).toBeEnabled();
  expect(field).not.toHaveTextContent('deleted-prom');
  await previewed();
});

it('names the default datasource when none is chosen and it does not exist', async () => {
  grafana(undefined, undefined, undefined, { datasources: [PROVISIONED[0], promEu] });
  show();
  const field = screen.getByLabelText(/^PerfScope datasource/).closest('[data-datasource]') as HTMLElement;
  expect(field).toHaveTextContent(
    'No PerfScope datasource is chosen in the PerfScope settings, and the default one (uid perfscope-health) does not exist'
  );
  expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await previewed();
});
