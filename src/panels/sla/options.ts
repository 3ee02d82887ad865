import type { PanelOptionsEditorBuilder } from '@grafana/data';

import { colorByOption } from '../shared/options';
import { QueriesEditor } from './components/QueriesEditor';
import { defaultOptions, type SlaOptions } from './types';

export function buildOptions(builder: PanelOptionsEditorBuilder<SlaOptions>) {
  builder
    .addTextInput({
      path: 'service',
      name: 'Service shown first',
      description: 'When the queries return several services; empty: the one with the least error budget left.',
      defaultValue: defaultOptions.service,
    })
    .addBooleanSwitch({ path: 'showBurnDown', name: 'Budget burn-down', defaultValue: defaultOptions.showBurnDown })
    .addBooleanSwitch({ path: 'showTiers', name: 'Burn-rate tiers', defaultValue: defaultOptions.showTiers })
    .addBooleanSwitch({ path: 'showHistory', name: 'Monthly compliance', defaultValue: defaultOptions.showHistory })
    .addRadio(colorByOption('Met or missed'))
    .addCustomEditor({
      id: 'queries',
      path: 'queries',
      name: 'Query of each measurement',
      description:
        "By refId. With the PerfScope datasource only the request and error rates are read (monthly history, and a calendar month's burn-down).",
      category: ['Queries'],
      defaultValue: defaultOptions.queries,
      editor: QueriesEditor,
    })
    .addTextInput({
      path: 'breachIndicator',
      name: 'Breach indicator',
      description: "MTTR counts the time the error rate (errors / requests) spends in this indicator's critical band.",
      category: ['Queries'],
      defaultValue: defaultOptions.breachIndicator,
    })
    .addNumberInput({
      path: 'sla.target',
      name: 'SLA target (%)',
      description: 'Empty: the PerfScope settings (99.9 by default).',
      category: ['Objectives'],
    })
    .addTextInput({
      path: 'sla.period',
      name: 'Period',
      description: '"30d" (rolling) or "month" (calendar). Empty: the PerfScope settings.',
      category: ['Objectives'],
    })
    .addNumberInput({
      path: 'sla.latencyTarget',
      name: 'Latency target (%)',
      description: 'Share of requests under the latency threshold. Empty: the PerfScope settings.',
      category: ['Objectives'],
    })
    .addTextInput({
      path: 'sla.mttrTarget',
      name: 'MTTR target',
      description: 'A duration such as "5m". Empty: the PerfScope settings.',
      category: ['Objectives'],
    });
}
