import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BackendSrvRequest } from '@grafana/runtime';
import React from 'react';

import { defaultProfile, MAX_POINTS } from '../../scoring';
import '../../testing/jsdom';
import { serveGrafanaApi } from '../../testing/grafana';
import { BacktestSection } from './BacktestSection';
import { spokenDuration, spokenRange } from './backtestWords';

// The Settings page's back-test against a stand-in for Grafana's /api/ds/query: service "svc" fails 1 % of its
// requests (a 10x burn of the 99.9 % budget) over every window in two 45-minute spells, 0.05 % otherwise.

const MIN = 60e3;
const NOW = Date.UTC(2026, 0, 31, 0, 7); // the grid ends at 00:00, a whole 15-minute step
const END = Date.UTC(2026, 0, 31);
const spells = [
  [END - 2 * 86400e3, END - 2 * 86400e3 + 45 * MIN],
  [END - 9 * 86400e3, END - 9 * 86400e3 + 45 * MIN],
];
const ratioAt = (t: number) => (spells.some(([a, b]) => t >= a && t <= b) ? 0.01 : 0.0005);

/** Answers every query with one series of svc on the asked grid: the error ratio, or a healthy value. */
function answer(req: BackendSrvRequest) {
  const { from, to, queries } = req.data as {
    from: string;
    to: string;
    queries: Array<{ refId: string; intervalMs: number; expr: string }>;
  };
  const results = Object.fromEntries(
    queries.map((q) => {
      const times: number[] = [];
      for (let t = Number(from); t <= Number(to); t += q.intervalMs) {
        times.push(t);
      }
      const value = (t: number) =>
        q.refId.startsWith('window:') ? ratioAt(t) : q.refId === 'error_rate' ? 100 * ratioAt(t) : 0.1;
      const frame = {
        schema: {
          refId: q.refId,
          fields: [
            { name: 'Time', type: 'time' },
            { name: 'Value', type: 'number', labels: { service: 'svc' } },
          ],
        },
        data: { values: [times, times.map(value)] },
      };
      return [q.refId, { status: 200, frames: [frame] }];
    })
  );
  return { status: 200, data: { results } };
}

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

it('back-tests the draft against the saved profile over 30 days and says how often each tier would have fired', async () => {
  const user = userEvent.setup();
  const requests = serveGrafanaApi((req) =>
    req.url === '/api/ds/query' ? answer(req) : { status: 404, data: { message: 'Not found' } }
  );
  const saved = defaultProfile(); // fast-burn fires above 14.4x
  const draft = defaultProfile();
  draft.sla.burnRateTiers[0].budgetFraction = 0.01; // 7.2x: the 10x spells fire it
  render(<BacktestSection draft={draft} saved={saved} datasource="prom" />);
  await user.click(screen.getByRole('button', { name: 'Run the back-test' }));
  const table = await screen.findByRole('table', { name: 'Alert rules over the last 30d' });

  // One query per profile over 30 days at a 15-minute step: 2,881 points, within Prometheus' limit.
  const asked = requests.filter((r) => r.url === '/api/ds/query');
  expect(asked).toHaveLength(2);
  for (const r of asked) {
    expect(
      r.data.queries.every(
        (q: { intervalMs: number; maxDataPoints: number }) => q.intervalMs === 15 * MIN && q.maxDataPoints <= MAX_POINTS
      )
    ).toBe(true);
    expect(r.data.to).toBe(String(END));
    expect(r.data.queries.find((q: { refId: string }) => q.refId === 'error_rate').expr).toContain('[30m]');
  }
  // Each spell is four 15-minute steps (00:00 to 00:45): two episodes of 60 minutes.
  expect(
    screen.getByText(
      'With these thresholds, the fast-burn tier would have fired 2 times in 30 days, for 2h in total; with the saved ones it fired 0 times.'
    )
  ).toBeInTheDocument();
  // Every window reads the spells' 10x: slow-burn (6x) fires under both profiles.
  expect(
    screen.getByText(
      'With these thresholds, the slow-burn tier would have fired 2 times in 30 days, for 2h in total; with the saved ones it fired 2 times, for 2h.'
    )
  ).toBeInTheDocument();
  const row = within(table).getByRole('row', { name: /PerfScopeBurnRateFastBurn/ });
  expect(
    within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent)
  ).toEqual(['2 / 2h / 60 minutes', '0 / 0 minutes / 0 minutes']);
  // error_rate above 1 % is critical: the spells fire its critical rule under both profiles.
  const errors = within(table).getByRole('row', { name: /PerfScopeErrorRateWarning/ });
  expect(
    within(errors)
      .getAllByRole('cell')
      .map((c) => c.textContent)
  ).toEqual(['2 / 2h / 60 minutes', '2 / 2h / 60 minutes']);
});

it('waits for a datasource and for a profile without problems', () => {
  serveGrafanaApi(() => ({ status: 404, data: {} }));
  const { rerender } = render(<BacktestSection draft={defaultProfile()} saved={defaultProfile()} datasource={null} />);
  expect(screen.getByText('Choose a Prometheus datasource above to back-test the profile.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Run the back-test' })).toBeDisabled();
  rerender(<BacktestSection draft={null} saved={defaultProfile()} datasource="prom" />);
  expect(screen.getByText('The back-test waits until the profile has no problems.')).toBeInTheDocument();
});

it('says why when the history cannot be read', async () => {
  const user = userEvent.setup();
  serveGrafanaApi(() => ({ status: 502, data: { message: 'Bad gateway' } }));
  render(<BacktestSection draft={defaultProfile()} saved={defaultProfile()} datasource="prom" />);
  await user.click(screen.getByRole('button', { name: 'Run the back-test' }));
  expect(await screen.findByText('The back-test failed')).toBeInTheDocument();
});

it('speaks of minutes up to two hours, then of a duration', () => {
  expect([
    spokenDuration(60e3),
    spokenDuration(47 * MIN),
    spokenDuration(120 * MIN),
    spokenDuration(1500 * MIN),
  ]).toEqual(['1 minute', '47 minutes', '2h', '1d1h']);
  expect([spokenRange('30d'), spokenRange('1d'), spokenRange('12h')]).toEqual(['30 days', '1 day', '12h']);
});
