import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import type { StandardEditorContext, StandardEditorsRegistryItem } from '@grafana/data';

import { defaultProfile } from '../../../scoring';
import { loadRecording } from '../../../testing/load';
import { serveAppSettings } from '../../../testing/grafana';
import { recordedPanelData } from '../../../testing/recordings';
import { IndicatorOverridesEditor } from './IndicatorOverridesEditor';
import { IndicatorQueriesEditor } from './IndicatorQueriesEditor';
import '../../../testing/jsdom';

const item = {} as StandardEditorsRegistryItem;
const context = (refIds?: string[]): StandardEditorContext<unknown> => ({
  data: recordedPanelData(loadRecording('health.prometheus'), refIds).series,
});

beforeEach(() => serveAppSettings({ profile: defaultProfile() }));

describe('IndicatorQueriesEditor', () => {
  it('offers the panel queries for each enabled indicator and flags a missing one', async () => {
    const onChange = jest.fn();
    render(
      <IndicatorQueriesEditor value={{}} onChange={onChange} item={item} context={context(['latency_p95', 'cpu'])} />
    );
    expect(await screen.findByLabelText('Latency p95')).toBeInTheDocument();
    expect(screen.queryByLabelText('Throughput')).not.toBeInTheDocument();
    // error_rate, memory and availability have no query of their own id here.
    expect(screen.getAllByText('no such query')).toHaveLength(3);
    await userEvent.type(screen.getByLabelText('Error rate'), 'cpu{Enter}');
    expect(onChange).toHaveBeenCalledWith({ error_rate: 'cpu' });
  });
});

describe('IndicatorOverridesEditor', () => {
  it('overrides one threshold and shows the app value of the others', async () => {
    const onChange = jest.fn();
    render(<IndicatorOverridesEditor value={{}} onChange={onChange} item={item} context={context()} />);
    const warning = await screen.findByLabelText('CPU warning');
    expect(warning).toHaveAttribute('placeholder', '80');
    await userEvent.type(warning, '85{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ cpu: { warning: 85 } });
  });

  it('goes back to the app value when emptied, and turns an indicator off', async () => {
    const onChange = jest.fn();
    render(
      <IndicatorOverridesEditor value={{ cpu: { warning: 85 } }} onChange={onChange} item={item} context={context()} />
    );
    const warning = await screen.findByLabelText('CPU warning');
    await userEvent.clear(warning);
    await userEvent.tab();
    expect(onChange).toHaveBeenLastCalledWith({});
    const cpu = screen.getByRole('group', { name: 'CPU' });
    await userEvent.click(cpu.querySelectorAll('input[type="radio"]')[2] as HTMLElement);
    expect(onChange).toHaveBeenLastCalledWith({ cpu: { warning: 85, enabled: false } });
  });
});
