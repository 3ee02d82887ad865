import React from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, TextArea } from '@grafana/ui';

import type { PerfScopeDataSource } from './datasource';
import { type BreachCondition, type PerfScopeDataSourceOptions, type PerfScopeQuery, type QueryType } from './types';

type Props = QueryEditorProps<PerfScopeDataSource, PerfScopeQuery, PerfScopeDataSourceOptions>;

const queryTypes: Array<SelectableValue<QueryType>> = [
  { label: 'Health score', value: 'health', description: 'Composite score, sub-scores and the latest explanation' },
  {
    label: 'Domain overhead',
    value: 'domainOverhead',
    description: 'Overhead per business domain and the system total',
  },
  { label: 'SLA', value: 'sla', description: 'Availability, error budget burn-down, burn rates and tiers' },
  { label: 'MTTR', value: 'mttr', description: 'Breach intervals and mean time to recovery' },
  { label: 'PromQL', value: 'promql', description: 'A plain PromQL query' },
];

const conditionKinds: Array<SelectableValue<BreachCondition['kind']>> = [
  { label: 'Score in a band', value: 'score' },
  { label: 'Indicator in a band', value: 'indicator' },
  { label: 'Burn-rate tier fires', value: 'tier' },
];

const bands: Array<SelectableValue<NonNullable<BreachCondition['band']>>> = [
  { label: 'Info or worse', value: 'info', description: 'Below 90' },
  { label: 'Warning or worse', value: 'warning', description: 'Below 70' },
  { label: 'Critical', value: 'critical', description: 'Below 50' },
];

const LABEL_WIDTH = 16;

export function QueryEditor({ query, onChange, onRunQuery, datasource }: Props) {
  const queryType = query.queryType ?? 'health';
  const profile = datasource.profile;
  const condition: BreachCondition = { kind: 'score', band: 'critical', ...query.condition };

  const update = (patch: Partial<PerfScopeQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const text = (key: 'service' | 'domain' | 'rateInterval' | 'expr') => ({
    value: query[key] ?? '',
    onChange: (e: { currentTarget: { value: string } }) => update({ [key]: e.currentTarget.value }, false),
    onBlur: () => onRunQuery(),
  });
  const setCondition = (patch: Partial<BreachCondition>) => update({ condition: { ...condition, ...patch } });

  return (
    <>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={LABEL_WIDTH}>
          <RadioButtonGroup options={queryTypes} value={queryType} onChange={(v) => update({ queryType: v })} />
        </InlineField>
      </InlineFieldRow>
      {queryType === 'promql' && (
        <InlineFieldRow>
          <InlineField
            label="Expression"
            labelWidth={LABEL_WIDTH}
            grow
            tooltip="$service, $domain and $__rate_interval are filled in"
          >
            <TextArea
              aria-label="Expression"
              rows={3}
              placeholder='sum by (service) (rate(http_requests_total{service=~"$service"}[$__rate_interval]))'
              {...text('expr')}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      <InlineFieldRow>
        <InlineField
          label="Service"
          labelWidth={LABEL_WIDTH}
          tooltip="Regular expression for $service; a multi-value dashboard variable works too"
        >
          <Input aria-label="Service" width={32} placeholder=".* (every service)" {...text('service')} />
        </InlineField>
        {queryType === 'domainOverhead' && (
          <InlineField label="Domain" labelWidth={10} tooltip="Regular expression for $domain">
            <Input aria-label="Domain" width={32} placeholder=".* (every domain)" {...text('domain')} />
          </InlineField>
        )}
        {queryType !== 'sla' && (
          <InlineField
            label="Rate interval"
            labelWidth={LABEL_WIDTH}
            tooltip="Fixes $__rate_interval; empty: max(4 x scrape interval, interval + scrape interval)"
          >
            <Input aria-label="Rate interval" width={12} placeholder="auto" {...text('rateInterval')} />
          </InlineField>
        )}
      </InlineFieldRow>
      {queryType === 'mttr' && (
        <InlineFieldRow>
          <InlineField label="In breach when" labelWidth={LABEL_WIDTH}>
            <RadioButtonGroup
              options={conditionKinds}
              value={condition.kind}
              onChange={(kind) => setCondition({ kind })}
            />
          </InlineField>
          {condition.kind !== 'tier' && (
            <InlineField label="Band" labelWidth={8}>
              <RadioButtonGroup options={bands} value={condition.band} onChange={(band) => setCondition({ band })} />
            </InlineField>
          )}
        </InlineFieldRow>
      )}
      {queryType === 'mttr' && condition.kind === 'indicator' && (
        <InlineFieldRow>
          <InlineField label="Indicator" labelWidth={LABEL_WIDTH}>
            <RadioButtonGroup
              options={profile.indicators.map((i) => ({ label: i.name, value: i.id }))}
              value={condition.indicator}
              onChange={(indicator) => setCondition({ indicator })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {queryType === 'mttr' && condition.kind === 'tier' && (
        <InlineFieldRow>
          <InlineField label="Tier" labelWidth={LABEL_WIDTH}>
            <RadioButtonGroup
              options={profile.sla.burnRateTiers.map((t) => ({
                label: t.name,
                value: t.name,
                description: `${t.severity}: ${t.budgetFraction * 100}% of the budget in ${t.longWindow}`,
              }))}
              value={condition.tier}
              onChange={(tier) => setCondition({ tier })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </>
  );
}
