import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import type { StandardEditorsRegistryItem } from '@grafana/data';

import { defaultProfile } from '../../../scoring';
import { loadRecording } from '../../../testing/load';
import { serveAppSettings } from '../../../testing/grafana';
import '../../../testing/jsdom';
import { recordedPanelData } from '../../../testing/recordings';
import { QueriesEditor } from './QueriesEditor';
import { ThresholdsEditor } from './ThresholdsEditor';

const item = {} as StandardEditorsRegistryItem;

beforeEach(() => serveAppSettings({ profile: defaultProfile() }));

it('maps a measurement to a query of the panel', async () => {
  const onChange = jest.fn();
  const data = recordedPanelData(loadRecording('domainoverhead.prometheus'), ['domain_time', 'total_time']).series;
  render(<QueriesEditor value={{}} onChange={onChange} item={item} context={{ data }} />);
  // The computed overhead and the baseline-mode queries are not in this panel.
  expect(screen.getAllByText('no such query')).toHaveLength(3);
  await userEvent.type(screen.getByLabelText('Domain latency'), 'domain_time{Enter}');
  expect(onChange).toHaveBeenCalledWith({ domainLatency: 'domain_time' });
});

it("overrides the system target and adds a domain's own thresholds, starting from the app's", async () => {
  const onChange = jest.fn();
  const { rerender } = render(<ThresholdsEditor value={{}} onChange={onChange} item={item} context={{ data: [] }} />);
  const target = await screen.findByLabelText('System total target');
  expect(target).toHaveAttribute('placeholder', '4.7');
  await userEvent.type(target, '4{Enter}');
  expect(onChange).toHaveBeenLastCalledWith({ system: { target: 4 } });

  rerender(
    <ThresholdsEditor value={{ system: { target: 4 } }} onChange={onChange} item={item} context={{ data: [] }} />
  );
  await userEvent.type(screen.getByLabelText('Domain'), 'billing');
  await userEvent.click(screen.getByRole('button', { name: 'Thresholds for a domain' }));
  expect(onChange).toHaveBeenLastCalledWith({
    system: { target: 4 },
    domains: { billing: { target: 1.5, warning: 3, critical: 5 } },
  });
});
