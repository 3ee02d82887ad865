import { FieldConfigProperty, PanelPlugin } from '@grafana/data';

import { scoreThresholds, thresholdsColor } from '../shared/fieldConfig';
import { HealthScorePanel } from './HealthScorePanel';
import { migrateOptions } from './migrations';
import { buildOptions } from './options';
import type { HealthScoreOptions } from './types';

export const plugin = new PanelPlugin<HealthScoreOptions>(HealthScorePanel)
  .setPanelOptions(buildOptions)
  .setMigrationHandler(migrateOptions)
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Unit]: { defaultValue: 'none' },
      [FieldConfigProperty.Min]: { defaultValue: 0 },
      [FieldConfigProperty.Max]: { defaultValue: 100 },
      [FieldConfigProperty.Thresholds]: { defaultValue: scoreThresholds },
      [FieldConfigProperty.Color]: { defaultValue: thresholdsColor },
    },
  });
