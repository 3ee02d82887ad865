import type { PanelModel } from '@grafana/data';

import { migrateOptions } from './migrations';
import type { SlaOptions } from './types';

const panel = (options: unknown) => ({ options }) as PanelModel<Partial<SlaOptions>>;

it('repairs objectives written as strings and keeps what it cannot repair', () => {
  expect(
    migrateOptions(panel({ colorBy: 'rainbow', sla: { target: '99.5', latencyTarget: 'most', period: 'month' } }))
  ).toMatchObject({
    colorBy: 'band',
    queries: {},
    service: '',
    sla: { target: 99.5, latencyTarget: 'most', period: 'month' },
  });
});

it('leaves valid options as they are', () => {
  const options = {
    colorBy: 'field',
    queries: { windows: 'W' },
    service: 'checkout',
    sla: { target: 99.95 },
    breachIndicator: 'error_rate',
    showBurnDown: true,
    showTiers: false,
    showHistory: true,
  };
  expect(migrateOptions(panel(options))).toEqual(options);
});
