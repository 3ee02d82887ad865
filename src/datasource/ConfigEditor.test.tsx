import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React, { useState } from 'react';
import type { DataSourceSettings } from '@grafana/data';

import { ConfigEditor, urlProblem } from './ConfigEditor';
import type { PerfScopeDataSourceOptions, PerfScopeSecureJsonData } from './types';

type Options = DataSourceSettings<PerfScopeDataSourceOptions, PerfScopeSecureJsonData>;

const settings = (jsonData: Record<string, unknown> = {}, secureJsonFields: Record<string, boolean> = {}): Options =>
  ({
    id: 1,
    uid: 'ps',
    name: 'PerfScope',
    type: 'perfscope-health-datasource',
    jsonData,
    secureJsonFields,
  }) as unknown as Options;

/** Renders the editor the way Grafana does: every change comes back as the new options. */
function renderEditor(initial: Options) {
  const changes: Options[] = [];
  function Host() {
    const [options, setOptions] = useState(initial);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(o) => {
          changes.push(o);
          setOptions(o);
        }}
      />
    );
  }
  render(<Host />);
  return { last: () => changes[changes.length - 1] };
}

// Grafana's UI components render slowly in jsdom; with other suites running in parallel 5 s is not enough.
jest.setTimeout(20_000);

describe('ConfigEditor', () => {
  it('writes the URL to jsonData and says what is wrong with it', async () => {
    const { last } = renderEditor(settings());
    expect(screen.getByText(/Enter the address of a Prometheus-compatible API/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('URL'), 'ftp://prom');
    expect(last().jsonData.url).toBe('ftp://prom');
    expect(screen.getByText('Use an http:// or https:// address')).toBeInTheDocument();
  });

  it('keeps the bearer token in secureJsonData only', async () => {
    const { last } = renderEditor(settings({ url: 'http://prometheus:9090' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Bearer token' }));
    await userEvent.type(screen.getByLabelText('Token'), 's3cret');
    expect(last().jsonData.authType).toBe('bearer');
    expect(last().secureJsonData?.bearerToken).toBe('s3cret');
    expect(JSON.stringify(last().jsonData)).not.toContain('s3cret');
  });

  it('resets a configured password without showing it', async () => {
    const { last } = renderEditor(
      settings({ url: 'http://p', authType: 'basic', basicAuthUser: 'grafana' }, { basicAuthPassword: true })
    );
    expect(screen.getByLabelText('Password')).toHaveValue('configured');
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields.basicAuthPassword).toBe(false);
    expect(last().secureJsonData?.basicAuthPassword).toBe('');
  });

  it("adds custom headers in Grafana's convention, values secret", async () => {
    const { last } = renderEditor(settings({ url: 'http://p', authType: 'headers' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add header' }));
    await userEvent.type(screen.getByLabelText('Header 1 name'), 'X-Scope-OrgID');
    await userEvent.type(screen.getByLabelText('Header 1 value'), 'tenant-a');
    const jsonData = last().jsonData as unknown as Record<string, unknown>;
    expect(jsonData.httpHeaderName1).toBe('X-Scope-OrgID');
    expect(last().secureJsonData?.httpHeaderValue1).toBe('tenant-a');
    expect(JSON.stringify(jsonData)).not.toContain('tenant-a');
  });

  it('stores limits as numbers and summarises the profile', async () => {
    const { last } = renderEditor(settings({ url: 'http://p' }));
    await userEvent.type(screen.getByLabelText('Max concurrent queries'), '4');
    await userEvent.type(screen.getByLabelText('Timeout'), '10');
    expect(last().jsonData.maxConcurrentQueries).toBe(4);
    expect(last().jsonData.timeoutSeconds).toBe(10);
    expect(screen.getByText(/The default profile: 5 enabled indicators, SLA 99.9% over 30d/)).toBeInTheDocument();
  });
});

describe('urlProblem', () => {
  it.each([
    ['', /Enter the address/],
    ['prometheus:9090', /http:\/\/ or https:\/\//],
    ['http://admin:pw@prometheus', /credentials/],
  ])('%s', (url, problem) => expect(urlProblem(url)).toMatch(problem));
  it('accepts an http address', () => expect(urlProblem('https://mimir.example/prometheus')).toBeNull());
});
