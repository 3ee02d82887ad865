import { FieldConfigProperty, PanelPlugin } from '@grafana/data';

import { DomainOverheadPanel } from './DomainOverheadPanel';
import { migrateOptions } from './migrations';
import { buildOptions } from './options';
import type { DomainOverheadOptions } from './types';

export const plugin = new PanelPlugin<DomainOverheadOptions>(DomainOverheadPanel)
  .setPanelOptions(buildOptions)
  .setMigrationHandler(migrateOptions)
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Unit]: { defaultValue: 'percent' },
      [FieldConfigProperty.Decimals]: { defaultValue: 2 },
      [FieldConfigProperty.Min]: { defaultValue: 0 },
    },
  });
