import { act, render, screen, waitFor, within } from '@testing-library/react';
import '../../testing/jsdom';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { LoadingState } from '@grafana/data';

import { defaultProfile } from '../../scoring';
import { loadRecording } from '../../testing/load';
import { only, panelProps, serveAppSettings } from '../../testing/grafana';
import { recordedPanelData } from '../../testing/recordings';
import { HealthScorePanel } from './HealthScorePanel';
import { defaultOptions, type HealthScoreOptions } from './types';

const prometheus = recordedPanelData(loadRecording('health.prometheus'));
const perfscope = recordedPanelData(loadRecording('health.perfscope'));

const show = (data = prometheus, options: Partial<HealthScoreOptions> = {}, size?: { width: number; height: number }) =>
  render(<HealthScorePanel {...panelProps({ ...defaultOptions, ...options }, data, size)} />);

beforeEach(() => serveAppSettings({ profile: defaultProfile() }));

describe('one service', () => {
  it('shows the score large with its band and explains it indicator by indicator', async () => {
    show(only(prometheus, 'service', 'incident'));
    const head = await screen.findByRole('group', { name: 'incident health score 10, Critical' });
    expect(within(head).getByText('10')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Health score over the time range' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /capped at 10 by the key indicator Error rate/ });
    const errorRate = within(table).getByRole('row', { name: /Error rate/ });
    expect(errorRate).toHaveTextContent('caps the score');
    expect(errorRate).toHaveTextContent('2%');
    expect(within(table).getByRole('row', { name: /Latency p95/ })).toHaveTextContent('1.50 s');
    expect(screen.queryByTestId('notices')).not.toBeInTheDocument();
  });

  it('names a missing indicator and does not count it', async () => {
    const data = only(
      recordedPanelData(loadRecording('health.prometheus'), ['latency_p95', 'cpu', 'memory', 'availability']),
      'service',
      'incident'
    );
    show(data);
    expect(await screen.findByRole('group', { name: /score 30, Critical/ })).toBeInTheDocument();
    expect(screen.getByTestId('notices')).toHaveTextContent(
      'No data for Error rate (incident): not counted in the score'
    );
    expect(screen.getByRole('row', { name: /Error rate/ })).toHaveTextContent('not counted');
  });

  it('still reads at 150 x 100 px', async () => {
    show(only(prometheus, 'service', 'degraded'), {}, { width: 150, height: 100 });
    expect(await screen.findByRole('group', { name: 'degraded health score 85, Info' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByTestId('perfscope-health')).toHaveAttribute('data-layout', 'compact');
  });

  it('writes the score as a whole number, unless the field config sets decimals', async () => {
    const { unmount } = show(only(prometheus, 'service', 'budget-burn'));
    expect(await screen.findByRole('group', { name: 'budget-burn health score 81, Info' })).toBeInTheDocument();
    unmount();
    const props = panelProps({ ...defaultOptions }, only(prometheus, 'service', 'budget-burn'));
    props.fieldConfig = { defaults: { decimals: 2 }, overrides: [] };
    render(<HealthScorePanel {...props} />);
    expect(await screen.findByRole('group', { name: 'budget-burn health score 81.25, Info' })).toBeInTheDocument();
  });
});

describe('several services', () => {
  it.each([
    ['Prometheus queries', prometheus],
    ['the PerfScope datasource', perfscope],
  ])('shows one tile per service, worst first, from %s', async (_name, data) => {
    show(data);
    const grid = await screen.findByRole('list', { name: 'Health by service' });
    const tiles = within(grid).getAllByRole('button');
    expect(tiles.map((t) => t.textContent)).toEqual([
      'incident 10 Critical',
      'budget-burn 81 Info',
      'degraded 85 Info',
      'domain-overhead 100 OK',
      'healthy 100 OK',
    ]);
    expect(tiles[0]).toHaveAccessibleName('incident 10 Critical');
  });

  it('explains a tile when it is chosen with the keyboard, and closes the explanation', async () => {
    const user = userEvent.setup();
    show(prometheus);
    await screen.findByRole('list', { name: 'Health by service' });
    await user.tab();
    await user.tab();
    await user.keyboard('{Enter}');
    const detail = screen.getByRole('region', { name: 'Why budget-burn scores 81' });
    expect(within(detail).getByRole('table')).toHaveAccessibleName(
      /budget-burn: Weighted score 92.5 \(7.5 points lost\), capped at 81.3 by the key indicator Error rate/
    );
    await user.click(within(detail).getByRole('button', { name: 'Close the explanation' }));
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  const tileNames = async () =>
    within(await screen.findByRole('list', { name: 'Health by service' }))
      .getAllByRole('button')
      .map((t) => t.textContent);

  it('keeps the order by name in the full grid when asked, and puts the worst first when small', async () => {
    const { unmount } = show(prometheus, { sortBy: 'name' });
    expect(await tileNames()).toEqual([
      'budget-burn 81 Info',
      'degraded 85 Info',
      'domain-overhead 100 OK',
      'healthy 100 OK',
      'incident 10 Critical',
    ]);
    unmount();
    show(prometheus, { sortBy: 'name' }, { width: 200, height: 150 });
    expect((await tileNames()).map((t) => t?.replace(/ .*/, ''))).toEqual([
      'incident',
      'budget-burn',
      'degraded',
      'domain-overhead',
      'healthy',
    ]);
    expect(screen.getByTestId('perfscope-health')).toHaveAttribute('data-layout', 'compact-grid');
  });

  it('shows the worst service when it shows one score of several', async () => {
    show(prometheus, { sortBy: 'name', display: 'single' });
    expect(await screen.findByRole('group', { name: 'incident health score 10, Critical' })).toBeInTheDocument();
  });

  it('links each tile to its drill-down with the service in the URL', async () => {
    const props = panelProps({ ...defaultOptions }, prometheus);
    props.fieldConfig = {
      defaults: {
        links: [{ title: 'Operations', url: '/d/perfscope-operations?var-service=${__field.labels.service}' }],
      },
      overrides: [],
    };
    render(<HealthScorePanel {...props} />);
    const links = await screen.findAllByRole('link', { name: 'Operations' });
    expect(links.map((a) => a.getAttribute('href'))).toEqual(
      ['incident', 'budget-burn', 'degraded', 'domain-overhead', 'healthy'].map(
        (s) => `/d/perfscope-operations?var-service=${s}`
      )
    );
  });
});

describe('states', () => {
  it('says it is loading before the first answer', async () => {
    show({ ...prometheus, state: LoadingState.Loading, series: [] });
    expect(screen.getByRole('status')).toHaveTextContent('Loading health');
    // The app settings arrive after the first render; with them the panel still waits for data.
    await act(() => Promise.resolve());
    expect(screen.getByRole('status')).toHaveTextContent('Loading health');
  });

  it('says which queries it expected when there is no data', async () => {
    show({ ...prometheus, series: [] });
    expect(await screen.findByTestId('panel-nodata')).toHaveTextContent(
      'No query returned an indicator. Queries are matched to indicators by refId or series name: latency_p95, error_rate, cpu, memory, availability.'
    );
  });

  it('shows the query error', async () => {
    show({
      ...prometheus,
      series: [],
      state: LoadingState.Error,
      errors: [{ refId: 'cpu', message: 'bad_data: parse error' }],
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Query cpu: bad_data: parse error');
  });

  it('keeps the data it has and warns about a failed query', async () => {
    const data = recordedPanelData(loadRecording('health.prometheus'), [
      'latency_p95',
      'error_rate',
      'memory',
      'availability',
    ]);
    show({ ...only(data, 'service', 'healthy'), errors: [{ refId: 'cpu', message: 'timeout' }] });
    expect(await screen.findByTestId('notices')).toHaveTextContent('Query cpu: timeout');
    expect(screen.getByTestId('notices')).toHaveTextContent('No data for CPU (healthy)');
  });

  it('names the field of an invalid panel threshold', async () => {
    show(prometheus, { indicatorOverrides: { cpu: { warning: 95 } } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "This panel's settings are not valid" + 'CPU: warning must lie between target and critical'
    );
  });
});

describe('compact layouts still say what is missing or failed', () => {
  const withoutCpu = () =>
    recordedPanelData(loadRecording('health.prometheus'), ['latency_p95', 'error_rate', 'memory', 'availability']);

  it('marks a single score whose indicator has no data, naming it on keyboard focus', async () => {
    const user = userEvent.setup();
    const data = only(
      recordedPanelData(loadRecording('health.prometheus'), ['latency_p95', 'cpu', 'memory', 'availability']),
      'service',
      'incident'
    );
    show(data, {}, { width: 150, height: 100 });
    expect(await screen.findByRole('group', { name: /score 30, Critical/ })).toBeInTheDocument();
    expect(screen.queryByTestId('notices')).not.toBeInTheDocument();
    const mark = screen.getByRole('img', { name: /^1 missing: / });
    expect(mark).toHaveAccessibleName('1 missing: No data for Error rate (incident): not counted in the score');
    expect(mark).toHaveTextContent('1 missing');
    // First the band, which says why it is Critical, then the mark.
    await user.tab();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Score 30, so Critical. Bands: OK from 90, Info from 70, Warning from 50, Critical below.'
    );
    await user.tab();
    expect(mark).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'No data for Error rate (incident): not counted in the score'
    );
  });

  it('marks each tile of the compact grid with the indicator its failed query left out', async () => {
    show({ ...withoutCpu(), errors: [{ refId: 'cpu', message: 'timeout' }] }, {}, { width: 150, height: 100 });
    const grid = await screen.findByRole('list', { name: 'Health by service' });
    expect(screen.getByTestId('perfscope-health')).toHaveAttribute('data-layout', 'compact-grid');
    const tiles = within(grid).getAllByRole('listitem');
    expect(tiles).toHaveLength(5);
    for (const tile of tiles) {
      expect(within(tile).getByRole('img')).toHaveAccessibleName(
        'No data for CPU: query cpu failed (timeout), not counted in the score'
      );
    }
    const panelMark = screen.getByRole('img', { name: /^1 query failed, 1 missing: / });
    expect(panelMark).toHaveAccessibleName(expect.stringContaining('Query cpu: timeout'));
    expect(panelMark).toHaveAccessibleName(expect.stringContaining('No data for CPU (incident, budget-burn'));
  });

  it('marks no tile, and shows no mark, when every indicator has data', async () => {
    show(prometheus, {}, { width: 150, height: 100 });
    await screen.findByRole('list', { name: 'Health by service' });
    expect(screen.queryByTestId('notice-mark')).not.toBeInTheDocument();
  });
});

describe('thresholds from the app settings', () => {
  it('scores with the profile saved in the app', async () => {
    const profile = { ...defaultProfile(), aggregation: 'worst' };
    serveAppSettings({ profile });
    show(only(prometheus, 'service', 'incident'));
    expect(await screen.findByRole('group', { name: 'incident health score 10, Critical' })).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveAccessibleName("The worst sub-score, Error rate's 10.");
  });

  it('falls back to the default thresholds, and says so, when the settings cannot be read', async () => {
    serveAppSettings(403);
    show(only(prometheus, 'service', 'degraded'));
    expect(await screen.findByTestId('notices')).toHaveTextContent(
      'Could not read the PerfScope app settings (HTTP 403): default thresholds.'
    );
  });

  it('reads the app settings once for every panel', async () => {
    const requests = serveAppSettings({ profile: defaultProfile() });
    show(only(prometheus, 'service', 'healthy'));
    show(only(prometheus, 'service', 'degraded'));
    await waitFor(() => expect(screen.getAllByRole('table')).toHaveLength(2));
    expect(requests).toHaveLength(1);
  });
});
