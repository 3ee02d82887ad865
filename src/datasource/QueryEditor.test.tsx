import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React, { useState } from 'react';

import { defaultProfile } from '../scoring';
import { QueryEditor } from './QueryEditor';
import { testDatasource } from './testDatasource';
import type { PerfScopeQuery } from './types';

const datasource = testDatasource;

function renderEditor(initial: PerfScopeQuery, ds = datasource()) {
  const changes: PerfScopeQuery[] = [];
  const runs = { count: 0 };
  function Host() {
    const [query, setQuery] = useState(initial);
    return (
      <QueryEditor
        query={query}
        datasource={ds}
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
});
