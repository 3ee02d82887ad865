import type { PanelOptionsEditorBuilder } from '@grafana/data';

import { colorByOption } from '../shared/options';
import { IndicatorOverridesEditor } from './components/IndicatorOverridesEditor';
import { IndicatorQueriesEditor } from './components/IndicatorQueriesEditor';
import { defaultOptions, type HealthScoreOptions } from './types';

export function buildOptions(builder: PanelOptionsEditorBuilder<HealthScoreOptions>) {
  builder
    .addRadio({
      path: 'display',
      name: 'Display',
      description: 'Auto shows a grid when the queries return several services, and a compact score when small.',
      defaultValue: defaultOptions.display,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'single', label: 'Single' },
          { value: 'grid', label: 'Grid' },
          { value: 'compact', label: 'Compact' },
        ],
      },
    })
    .addTextInput({
      path: 'groupBy',
      name: 'One score per',
      description: 'The label whose values get a score each: service, or domain.',
      defaultValue: defaultOptions.groupBy,
    })
    .addRadio({
      path: 'sortBy',
      name: 'Order',
      defaultValue: defaultOptions.sortBy,
      settings: {
        options: [
          { value: 'score', label: 'Worst first' },
          { value: 'name', label: 'By name' },
        ],
      },
      showIf: (o) => o.display !== 'single',
    })
    .addBooleanSwitch({ path: 'showTrend', name: 'Trend', defaultValue: defaultOptions.showTrend })
    .addBooleanSwitch({
      path: 'showBreakdown',
      name: 'Breakdown',
      description: "Each indicator's value, sub-score and points lost (in a grid: select a tile).",
      defaultValue: defaultOptions.showBreakdown,
    })
    .addRadio(colorByOption('Band colours'))
    .addCustomEditor({
      id: 'indicatorQueries',
      path: 'indicatorQueries',
      name: 'Query of each indicator',
      description:
        'By default the query whose refId (or series name) is the indicator id. Not used with the PerfScope datasource.',
      category: ['Indicators'],
      defaultValue: defaultOptions.indicatorQueries,
      editor: IndicatorQueriesEditor,
    })
    .addRadio({
      path: 'aggregation',
      name: 'Aggregation',
      description: 'How sub-scores combine, over the PerfScope settings.',
      category: ['Thresholds'],
      defaultValue: defaultOptions.aggregation,
      settings: {
        options: [
          { value: '', label: 'App settings' },
          { value: 'weighted', label: 'Weighted' },
          { value: 'worst', label: 'Worst' },
        ],
      },
    })
    .addCustomEditor({
      id: 'indicatorOverrides',
      path: 'indicatorOverrides',
      name: 'Indicator thresholds',
      description: 'Empty fields keep the PerfScope settings. The PerfScope datasource scores with its own profile.',
      category: ['Thresholds'],
      defaultValue: defaultOptions.indicatorOverrides,
      editor: IndicatorOverridesEditor,
    });
}
