import { FieldConfigProperty, PanelPlugin } from '@grafana/data';

import { migrateOptions } from './migrations';
import { buildOptions } from './options';
import { SlaPanel } from './SlaPanel';
import type { SlaOptions } from './types';

export const plugin = new PanelPlugin<SlaOptions>(SlaPanel)
  .setPanelOptions(buildOptions)
  .setMigrationHandler(migrateOptions)
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Unit]: { defaultValue: 'percent' },
      [FieldConfigProperty.Decimals]: { defaultValue: 3 },
    },
  });
