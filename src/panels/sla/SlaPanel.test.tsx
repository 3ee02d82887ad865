import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { createTheme, LoadingState, ThresholdsMode, type FieldConfigSource } from '@grafana/data';

import { defaultProfile } from '../../scoring';
import { loadExpected, loadRecording } from '../../testing/load';
import { only, panelProps, serveAppSettings } from '../../testing/grafana';
import '../../testing/jsdom';
import { recordedPanelData } from '../../testing/recordings';
import { SlaPanel } from './SlaPanel';
import { defaultOptions, type SlaOptions } from './types';

const prometheus = recordedPanelData(loadRecording('sla.prometheus'));
const perfscope = recordedPanelData(loadRecording('sla.perfscope'));
const fieldConfig: FieldConfigSource = { defaults: { unit: 'percent', decimals: 3 }, overrides: [] };

function show(data = prometheus, options: Partial<SlaOptions> = {}, size = { width: 700, height: 500 }) {
  const props = panelProps({ ...defaultOptions, ...options }, data, size);
  props.fieldConfig = fieldConfig;
  return render(<SlaPanel {...props} />);
}

beforeEach(() => serveAppSettings({ profile: defaultProfile() }));

it.each([
  ['Prometheus queries', prometheus],
  ['the PerfScope datasource', perfscope],
])('shows every objective of the incident, its tiers and its burn-down, from %s', async (_name, data) => {
  show(data, { service: 'incident' });
  expect(await screen.findByRole('region', { name: 'Availability: 99.947%, Met' })).toHaveTextContent(
    'target 99.9% over 30d'
  );
  expect(screen.getByRole('region', { name: 'Error budget remaining: 46.615%, Met' })).toHaveTextContent(
    'of 0.1% errors allowed'
  );
  expect(screen.getByRole('region', { name: 'Latency SLO: 99.983%, Met' })).toHaveTextContent(
    'under 200 ms, target 95%'
  );
  // Durations as Grafana writes them (dtdurationms), whatever the panel's decimals (3, for the percentages).
  expect(screen.getByRole('region', { name: 'MTTR: 15 minutes, Missed' })).toHaveTextContent(
    'target 5m; 2 resolved, one open for 43 minutes'
  );
  // Firing tiers come first, above the objectives.
  expect(screen.getByRole('list', { name: 'Firing burn-rate tiers' })).toHaveTextContent('fast-burn firing');
  const tiers = screen.getByRole('table', { name: /Burn-rate tiers/ });
  expect(within(tiers).getByRole('row', { name: /fast-burn/ })).toHaveTextContent(
    'fast-burn (critical)1h: 15.13×5m: 20×14.4× Firing'
  );
  expect(within(tiers).getByRole('row', { name: /slow-burn/ })).toHaveTextContent('Quiet');
  expect(screen.getByRole('region', { name: 'Error budget burn-down' })).toHaveTextContent(
    /from \d+\.\d{3}% to 46.615%/
  );
});

// expected.json's budget-burn: 80 % spent, burning 3.5x at 1h, 6h and 1d: gone in 0.2 x 30 d / 3.5 = 41.1 h, under
// the policy's 3 days: freeze, in the critical band's red.
it.each([
  ['Prometheus queries', prometheus],
  ['the PerfScope datasource', perfscope],
])("shows budget-burn's error-budget policy and its projection per window, from %s", async (_name, data) => {
  const budget = loadExpected().scenarios['budget-burn'].values.budget;
  show(data, { service: 'budget-burn' });
  const policy = await screen.findByRole('group', { name: 'Error-budget policy' });
  expect(policy).toHaveAttribute('data-policy', budget.policyState);
  expect(budget.policyState).toBe('freeze');
  expect(within(policy).getByText('Freeze')).toHaveStyle({
    borderColor: createTheme().visualization.getColorByName('red'),
  });
  expect(policy).toHaveTextContent(`${budget.spentPercent.toFixed(1)}% of the 30d budget spent`);
  const windows = within(policy).getByRole('list', { name: 'Projected exhaustion' });
  expect(
    within(windows)
      .getAllByRole('listitem')
      .map((w) => w.textContent)
  ).toEqual(
    ['1h', '6h', '1d'].map(
      (w) => `${w}: ${budget.burnRate[w].toFixed(2)}× in ${(budget.exhaustionSeconds[w]! / 3600).toFixed(1)} h`
    )
  );
  expect(windows).toHaveTextContent('1h: 3.50× in 41.1 h');
});

it('formats every objective with the field config, and colours only those its thresholds are meant for', async () => {
  const props = panelProps<SlaOptions>({ ...defaultOptions, service: 'incident', colorBy: 'field' }, prometheus, {
    width: 700,
    height: 500,
  });
  const single = (color: string) => ({ mode: ThresholdsMode.Absolute, steps: [{ value: -Infinity, color }] });
  props.fieldConfig = {
    defaults: { unit: 'percent', decimals: 1, thresholds: single('red') },
    overrides: [
      { matcher: { id: 'byName', options: 'MTTR' }, properties: [{ id: 'decimals', value: 1 }] },
      {
        matcher: { id: 'byName', options: 'Error budget remaining' },
        properties: [{ id: 'thresholds', value: single('purple') }],
      },
    ],
  };
  render(<SlaPanel {...props} />);
  const color = (name: string) => createTheme().visualization.getColorByName(name);
  const availability = await screen.findByRole('region', { name: 'Availability: 99.9%, Met' });
  expect(availability).toHaveStyle({ borderTopColor: color('red') });
  const budget = screen.getByRole('region', { name: 'Error budget remaining: 46.6%, Met' });
  expect(budget).toHaveStyle({ borderTopColor: color('purple') });
  const latency = screen.getByRole('region', { name: 'Latency SLO: 100.0%, Met' });
  expect(latency).toHaveStyle({ borderTopColor: color('green') });
  // An MTTR override's decimals are the number of units Grafana writes a duration in.
  expect(screen.getByRole('region', { name: 'MTTR: 15 minutes, 0 seconds, Missed' })).toHaveTextContent(
    'one open for 43 minutes, 0 seconds'
  );
});

it('shows the service with the least budget left first, and another on request', async () => {
  const user = userEvent.setup();
  show(prometheus);
  // A spent budget reads as overspent, not as a negative percentage.
  expect(await screen.findByRole('region', { name: 'Error budget overspent by: 150.000%, Missed' })).toHaveTextContent(
    'Error budget overspent by150.000%over the 0.1% errors allowed'
  );
  expect(screen.getByRole('region', { name: 'Error budget burn-down' })).toHaveTextContent(
    'from overspent by 150.000% to overspent by 150.000%'
  );
  expect(screen.queryByText(/-150/)).not.toBeInTheDocument();
  expect(screen.getByRole('row', { name: /slow-drain/ })).toHaveTextContent('Firing');
  await user.click(within(screen.getByRole('group', { name: 'Service' })).getByRole('radio', { name: 'healthy' }));
  expect(await screen.findByRole('region', { name: 'Error budget remaining: 50.000%, Met' })).toBeInTheDocument();
  // No resolved breach: no value, short (the detail says why), not a sentence as the big value.
  expect(screen.getByRole('region', { name: 'MTTR: –, no data' })).toHaveTextContent('0 resolved');
  expect(screen.queryByText('No resolved breach')).not.toBeInTheDocument();
});

it('keeps a calendar-month history against the target', async () => {
  show(only(recordedPanelData(loadRecording('sla-30d.prometheus')), 'service', 'degraded'));
  const history = await screen.findByRole('region', { name: 'Monthly compliance' });
  expect(within(history).getByRole('listitem')).toHaveTextContent('Jan 202699.750%Criticalpart of the month');
});

it("draws a calendar month's burn-down from its 1st, and says why none is drawn when the range starts later", async () => {
  const { unmount } = show(only(recordedPanelData(loadRecording('sla-30d.prometheus')), 'service', 'budget-burn'), {
    sla: { period: 'month' },
  });
  expect(await screen.findByRole('region', { name: 'Error budget burn-down' })).toHaveTextContent(
    /from 50.000% to 20.0\d\d%/
  );
  unmount();
  show(only(prometheus, 'service', 'incident'), { sla: { period: 'month' } });
  expect(await screen.findByTestId('notices')).toHaveTextContent(
    "No budget burn-down: a calendar month's is measured from its 1st, and the time range (from 2026-01-30) starts after it"
  );
  expect(screen.queryByRole('region', { name: 'Error budget burn-down' })).not.toBeInTheDocument();
});

it('shows only the first objective when small and all are met', async () => {
  show(only(prometheus, 'service', 'healthy'), {}, { width: 300, height: 150 });
  const objectives = await screen.findAllByRole('region');
  expect(objectives.map((o) => o.getAttribute('aria-label'))).toEqual(['Availability: 99.950%, Met']);
  expect(screen.queryByRole('table')).not.toBeInTheDocument();
  expect(screen.queryByRole('list', { name: 'Firing burn-rate tiers' })).not.toBeInTheDocument();
});

it.each([
  ['150 x 100', { width: 150, height: 100 }],
  ['300 x 150', { width: 300, height: 150 }],
])('shows the worst objective and the firing tier of the incident at %s', async (_size, size) => {
  show(only(prometheus, 'service', 'incident'), {}, size);
  const firing = await screen.findByRole('list', { name: 'Firing burn-rate tiers' });
  expect(
    within(firing)
      .getAllByRole('listitem')
      .map((t) => t.textContent)
  ).toEqual([' fast-burn firing']);
  // Availability and budget are met; the MTTR is missed: it is the one shown.
  expect(screen.getAllByRole('region').map((o) => o.getAttribute('aria-label'))).toEqual(['MTTR: 15 minutes, Missed']);
});

it('shows a firing tier above met objectives when small', async () => {
  show(only(prometheus, 'service', 'budget-burn'), {}, { width: 150, height: 100 });
  const firing = await screen.findByRole('list', { name: 'Firing burn-rate tiers' });
  expect(
    within(firing)
      .getAllByRole('listitem')
      .map((t) => t.textContent)
  ).toContain(' slow-drain firing');
  expect(screen.getAllByRole('region').map((o) => o.getAttribute('aria-label'))).toEqual([
    'Availability: 99.920%, Met',
  ]);
});

it('shows the worst objective first when small, in the objectives order among equals', async () => {
  show(prometheus, {}, { width: 150, height: 100 });
  // The least budget left: availability and budget are both missed; availability comes first.
  const shown = await screen.findAllByRole('region');
  expect(shown.map((o) => o.getAttribute('aria-label'))).toEqual([expect.stringMatching(/, Missed$/)]);
});

it('marks a compact SLA with what is missing and what failed, named for screen readers', async () => {
  const data = only(recordedPanelData(loadRecording('sla.prometheus'), ['windows']), 'service', 'healthy');
  show({ ...data, errors: [{ refId: 'latency', message: 'query timed out' }] }, {}, { width: 150, height: 100 });
  expect(await screen.findByRole('region', { name: 'Availability: 99.950%, Met' })).toBeInTheDocument();
  expect(screen.queryByTestId('notices')).not.toBeInTheDocument();
  const mark = screen.getByRole('img', { name: /^1 query failed, 2 missing: / });
  expect(mark).toHaveTextContent('1 query failed, 2 missing');
  expect(mark).toHaveAccessibleName(expect.stringContaining('Query latency: query timed out'));
  expect(mark).toHaveAccessibleName(expect.stringContaining('No latency compliance'));
  expect(mark).toHaveAccessibleName(expect.stringContaining('No request and error rates: no MTTR'));
});

it('names what is missing rather than showing it as healthy', async () => {
  show(only(recordedPanelData(loadRecording('sla.prometheus'), ['windows']), 'service', 'healthy'));
  const notices = await screen.findByTestId('notices');
  expect(notices).toHaveTextContent('No latency compliance');
  expect(notices).toHaveTextContent('No request and error rates: no MTTR and no monthly history');
  expect(screen.getByRole('region', { name: 'MTTR: No data, no data' })).toBeInTheDocument();
});

it('states loading, no data and errors', async () => {
  const { unmount } = show({ ...prometheus, state: LoadingState.Loading, series: [] });
  expect(screen.getByRole('status')).toHaveTextContent('Loading SLA');
  unmount();
  show({ ...prometheus, series: [], errors: [{ refId: 'windows', message: 'query timed out' }] });
  expect(await screen.findByRole('alert')).toHaveTextContent('Query windows: query timed out');
});

it('names a bad panel objective', async () => {
  show(prometheus, { sla: { period: 'quarterly' } });
  expect(await screen.findByRole('alert')).toHaveTextContent('period must be "month" or a positive duration');
});
