import type { PanelModel } from '@grafana/data';

import { migrateOptions } from './migrations';
import type { HealthScoreOptions } from './types';

const panel = (options: unknown) => ({ options }) as PanelModel<Partial<HealthScoreOptions>>;

describe('migrateOptions', () => {
  it('repairs options written by hand in a provisioned dashboard', () => {
    expect(
      migrateOptions(
        panel({
          display: 'tiles',
          groupBy: ' domain ',
          indicatorQueries: { latency_p95: 'A', cpu: 3 },
          indicatorOverrides: { cpu: { warning: '85', critical: 95, enabled: 'false' } },
        })
      )
    ).toMatchObject({
      display: 'auto',
      groupBy: 'domain',
      colorBy: 'band',
      sortBy: 'score',
      aggregation: '',
      indicatorQueries: { latency_p95: 'A', cpu: '3' },
      indicatorOverrides: { cpu: { warning: 85, critical: 95, enabled: false } },
    });
  });

  it('keeps what it cannot repair, for the panel to name', () => {
    const migrated = migrateOptions(panel({ indicatorOverrides: { cpu: { warning: 'high' } } }));
    expect(migrated.indicatorOverrides).toEqual({ cpu: { warning: 'high' } });
  });

  it('leaves valid options as they are', () => {
    const options = {
      display: 'grid',
      groupBy: 'service',
      colorBy: 'field',
      sortBy: 'name',
      aggregation: 'worst',
      indicatorQueries: {},
      indicatorOverrides: { memory: { weight: 0 } },
      showTrend: false,
      showBreakdown: true,
    };
    expect(migrateOptions(panel(options))).toEqual(options);
  });
});
