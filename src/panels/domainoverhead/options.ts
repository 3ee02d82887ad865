import type { PanelOptionsEditorBuilder } from '@grafana/data';

import { colorByOption } from '../shared/options';
import { QueriesEditor } from './components/QueriesEditor';
import { ThresholdsEditor } from './components/ThresholdsEditor';
import { defaultOptions, type DomainOverheadOptions } from './types';

export function buildOptions(builder: PanelOptionsEditorBuilder<DomainOverheadOptions>) {
  builder
    .addRadio({
      path: 'sortBy',
      name: 'Order',
      defaultValue: defaultOptions.sortBy,
      settings: {
        options: [
          { value: 'overhead', label: 'Largest first' },
          { value: 'band', label: 'Worst band first' },
          { value: 'name', label: 'By name' },
        ],
      },
    })
    .addBooleanSwitch({ path: 'showSystem', name: 'System total', defaultValue: defaultOptions.showSystem })
    .addBooleanSwitch({ path: 'showSparklines', name: 'Trend per domain', defaultValue: defaultOptions.showSparklines })
    .addRadio(colorByOption("Each domain's band"))
    .addRadio({
      path: 'mode',
      name: 'Overhead',
      description:
        'Share of request time spent in each domain, or growth against the baseline (PerfScope settings by default).',
      category: ['Queries'],
      defaultValue: defaultOptions.mode,
      settings: {
        options: [
          { value: '', label: 'App settings' },
          { value: 'share', label: 'Share' },
          { value: 'baseline', label: 'Baseline' },
        ],
      },
    })
    .addCustomEditor({
      id: 'queries',
      path: 'queries',
      name: 'Query of each measurement',
      description: 'By refId. Not used with the PerfScope datasource, whose frames are already computed.',
      category: ['Queries'],
      defaultValue: defaultOptions.queries,
      editor: QueriesEditor,
    })
    .addCustomEditor({
      id: 'thresholds',
      path: 'thresholds',
      name: 'Thresholds',
      description: 'Empty fields keep the PerfScope settings (system target 4.7 % by default).',
      category: ['Thresholds'],
      defaultValue: defaultOptions.thresholds,
      editor: ThresholdsEditor,
    });
}
