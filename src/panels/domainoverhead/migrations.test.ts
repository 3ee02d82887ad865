import type { PanelModel } from '@grafana/data';

import { migrateOptions } from './migrations';
import type { DomainOverheadOptions } from './types';

const panel = (options: unknown) => ({ options }) as PanelModel<Partial<DomainOverheadOptions>>;

it('repairs thresholds written as strings and unknown choices, keeping what it cannot repair', () => {
  expect(
    migrateOptions(
      panel({
        mode: 'percent',
        sortBy: 'name',
        thresholds: {
          system: { target: '4.7', warning: 'seven' },
          domains: { billing: { target: '2', warning: 4, critical: 6 } },
        },
      })
    )
  ).toMatchObject({
    mode: '',
    sortBy: 'name',
    colorBy: 'band',
    queries: {},
    thresholds: {
      system: { target: 4.7, warning: 'seven' },
      domains: { billing: { target: 2, warning: 4, critical: 6 } },
    },
  });
});

it('leaves valid options as they are', () => {
  const options = {
    mode: 'baseline',
    sortBy: 'band',
    colorBy: 'field',
    queries: { domainLatency: 'A', baseline: 'B' },
    thresholds: { defaults: { target: 1 } },
    showSystem: false,
    showSparklines: true,
  };
  expect(migrateOptions(panel(options))).toEqual(options);
});
