import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import type { StandardEditorsRegistryItem } from '@grafana/data';

import { loadRecording } from '../../../testing/load';
import '../../../testing/jsdom';
import { recordedPanelData } from '../../../testing/recordings';
import { QueriesEditor } from './QueriesEditor';

it('finds the recorded queries under their default refIds and maps another', async () => {
  const onChange = jest.fn();
  const data = recordedPanelData(loadRecording('sla.prometheus')).series;
  render(<QueriesEditor value={{}} onChange={onChange} item={{} as StandardEditorsRegistryItem} context={{ data }} />);
  expect(screen.queryByText('no such query')).not.toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('Latency compliance'), 'period{Enter}');
  expect(onChange).toHaveBeenCalledWith({ latency: 'period' });
});
