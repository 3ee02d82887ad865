import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React, { useState } from 'react';
import { CoreApp } from '@grafana/data';

import { defaultProfile } from '../scoring';
import { QueryEditor } from './QueryEditor';
import { testDatasource } from '../testing/datasource';
import type { PerfScopeQuery } from './types';

const datasource = testDatasource;

function renderEditor(initial: PerfScopeQuery, ds = datasource(), app?: CoreApp) {
  const changes: PerfScopeQuery[] = [];
  const runs = { count: 0 };
  function Host() {
    const [query, setQuery] = useState(initial);
    return (
      <QueryEditor
        query={query}
        datasource={ds}
        app={app}
        onRunQuery={() => runs.count++}
        onChange={(q) => {
          changes.push(q);
          setQuery(q);
        }}
      />
    );
  }
  render(<Host />);
  return { last: () => changes[changes.length - 1], runs };
}

// Grafana's UI components render slowly in jsdom; with other suites running in parallel 5 s is not enough.
jest.setTimeout(20_000);

describe('QueryEditor', () => {
  it('picks the query type and shows the options each needs', async () => {
    const { last, runs } = renderEditor({ refId: 'A', queryType: 'health' });
    expect(screen.queryByLabelText('Domain')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Domain overhead' }));
    expect(last().queryType).toBe('domainOverhead');
    expect(runs.count).toBe(1);
    expect(screen.getByLabelText('Domain')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'PromQL' }));
    expect(screen.getByLabelText('Expression')).toBeInTheDocument();
    expect(screen.queryByLabelText('Domain')).not.toBeInTheDocument();
  });

  it('runs a typed value once, on blur', async () => {
    const { last, runs } = renderEditor({ refId: 'A', queryType: 'health' });
    await userEvent.type(screen.getByLabelText('Service'), 'checkout|cart');
    expect(last().service).toBe('checkout|cart');
    expect(runs.count).toBe(0);
    await userEvent.tab();
    expect(runs.count).toBe(1);
  });

  it("chooses a group query's groups instead of services", async () => {
    const { last, runs } = renderEditor({ refId: 'A', queryType: 'health' });
    await userEvent.click(screen.getByRole('radio', { name: 'Group' }));
    expect(last().queryType).toBe('group');
    expect(screen.queryByLabelText('Service')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Groups'), 'checkout');
    await userEvent.tab();
    expect([last().group, runs.count]).toEqual(['checkout', 2]);
  });

  it("builds an MTTR condition from the profile's indicators and tiers", async () => {
    const { last } = renderEditor({ refId: 'A', queryType: 'mttr' });
    await userEvent.click(screen.getByRole('radio', { name: 'Indicator in a band' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Error rate' }));
    expect(last().condition).toEqual({ kind: 'indicator', band: 'critical', indicator: 'error_rate' });
    await userEvent.click(screen.getByRole('radio', { name: 'Burn-rate tier fires' }));
    expect(screen.queryByRole('radio', { name: 'Critical' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'slow-burn' }));
    expect(last().condition).toMatchObject({ kind: 'tier', tier: 'slow-burn' });
  });

  it('offers the indicators of the configured profile', async () => {
    const profile = defaultProfile();
    profile.indicators[0].name = 'Checkout p99';
    renderEditor({ refId: 'A', queryType: 'mttr', condition: { kind: 'indicator' } }, datasource({ profile }));
    expect(screen.getByRole('radio', { name: 'Checkout p99' })).toBeInTheDocument();
  });

  it('asks an alert rule for its measure, and a dashboard not', async () => {
    const { last } = renderEditor({ refId: 'A', queryType: 'health' }, datasource(), CoreApp.UnifiedAlerting);
    expect(screen.getByRole('radio', { name: 'Score' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Sub-scores' }));
    expect(last().measure).toBe('subScore');
    // Another query type has other measures: the choice starts again from its default.
    await userEvent.click(screen.getByRole('radio', { name: 'SLA' }));
    expect(last().measure).toBeUndefined();
    expect(screen.getByRole('radio', { name: 'Budget remaining' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Tiers firing' }));
    expect(screen.getByRole('radio', { name: 'Every tier' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'fast-burn' }));
    expect(last()).toMatchObject({ queryType: 'sla', measure: 'tierFiring', tier: 'fast-burn' });
    await userEvent.click(screen.getByRole('radio', { name: 'Burn rates' }));
    expect(last().tier).toBeUndefined();
    expect(screen.queryByRole('radio', { name: 'fast-burn' })).not.toBeInTheDocument();
    // MTTR has one measure: nothing to choose.
    await userEvent.click(screen.getByRole('radio', { name: 'MTTR' }));
    expect(screen.queryByText('Alert on')).not.toBeInTheDocument();
  });

  it('has no measure on a dashboard, which gets every frame', () => {
    renderEditor({ refId: 'A', queryType: 'sla' }, datasource(), CoreApp.Dashboard);
    expect(screen.queryByText('Alert on')).not.toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: 'Budget remaining' })).not.toBeInTheDocument();
  });

  it('leaves domains out of a domain overhead query', async () => {
    const { last } = renderEditor({ refId: 'A', queryType: 'domainOverhead' });
    await userEvent.type(screen.getByLabelText('Except domains'), 'billing|search');
    expect(last().excludeDomain).toBe('billing|search');
  });
});
