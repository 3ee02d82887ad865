import React from 'react';
import { CoreApp, type QueryEditorProps, type SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, TextArea } from '@grafana/ui';

import { bandCeiling } from '../scoring/bands';
import type { PerfScopeDataSource } from './datasource';
import { measuresOf } from './measures';
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
  { label: 'Group', value: 'group', description: "Score, band and N-of-M rules of the profile's groups" },
];

const conditionKinds: Array<SelectableValue<BreachCondition['kind']>> = [
  { label: 'Score in a band', value: 'score' },
  { label: 'Indicator in a band', value: 'indicator' },
  { label: 'Burn-rate tier fires', value: 'tier' },
];

const bands: Array<SelectableValue<NonNullable<BreachCondition['band']>>> = [
  { label: 'Info or worse', value: 'info', description: `Below ${bandCeiling('info')}` },
  { label: 'Warning or worse', value: 'warning', description: `Below ${bandCeiling('warning')}` },
  { label: 'Critical', value: 'critical', description: `Below ${bandCeiling('critical')}` },
];

const LABEL_WIDTH = 16;

export function QueryEditor({ query, onChange, onRunQuery, datasource, app }: Props) {
  const queryType = query.queryType ?? 'health';
  const profile = datasource.profile;
  // The measure is what an alert rule gets; a dashboard gets every frame, so only the rule editor asks for it.
  const measures = app === CoreApp.UnifiedAlerting ? measuresOf(queryType) : [];
  const measure = query.measure ?? measures[0]?.value;
  const condition: BreachCondition = { kind: 'score', band: 'critical', ...query.condition };

  const update = (patch: Partial<PerfScopeQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const text = (key: 'service' | 'domain' | 'excludeDomain' | 'rateInterval' | 'expr' | 'group') => ({
    value: query[key] ?? '',
    onChange: (e: { currentTarget: { value: string } }) => update({ [key]: e.currentTarget.value }, false),
    onBlur: () => onRunQuery(),
  });
  const setCondition = (patch: Partial<BreachCondition>) => update({ condition: { ...condition, ...patch } });

  return (
    <>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={LABEL_WIDTH}>
          <RadioButtonGroup
            options={queryTypes}
            value={queryType}
            onChange={(v) => update({ queryType: v, measure: undefined, tier: undefined })}
          />
        </InlineField>
      </InlineFieldRow>
      {measures.length > 1 && (
        <InlineFieldRow>
          <InlineField
            label="Alert on"
            labelWidth={LABEL_WIDTH}
            tooltip="The one number per series the alert rule gets from this query"
          >
            <RadioButtonGroup
              options={[...measures]}
              value={measure}
              onChange={(v) => update({ measure: v, tier: v === 'tierFiring' ? query.tier : undefined })}
            />
          </InlineField>
          {measure === 'tierFiring' && (
            <InlineField label="Tier" labelWidth={8}>
              <RadioButtonGroup
                options={[
                  { label: 'Every tier', value: '' },
                  ...profile.sla.burnRateTiers.filter((t) => t.enabled).map((t) => ({ label: t.name, value: t.name })),
                ]}
                value={query.tier ?? ''}
                onChange={(tier) => update({ tier: tier || undefined })}
              />
            </InlineField>
          )}
        </InlineFieldRow>
      )}
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
        {queryType === 'group' ? (
          <InlineField label="Groups" labelWidth={LABEL_WIDTH} tooltip="Regular expression of the profile's group ids">
            <Input aria-label="Groups" width={32} placeholder=".* (every group)" {...text('group')} />
          </InlineField>
        ) : (
          <InlineField
            label="Service"
            labelWidth={LABEL_WIDTH}
            tooltip="Regular expression for $service; a multi-value dashboard variable works too"
          >
            <Input aria-label="Service" width={32} placeholder=".* (every service)" {...text('service')} />
          </InlineField>
        )}
        {queryType === 'domainOverhead' && (
          <InlineField label="Domain" labelWidth={10} tooltip="Regular expression for $domain">
            <Input aria-label="Domain" width={32} placeholder=".* (every domain)" {...text('domain')} />
          </InlineField>
        )}
        {queryType === 'domainOverhead' && (
          <InlineField label="Except" labelWidth={10} tooltip="Regular expression of domains to leave out">
            <Input aria-label="Except domains" width={24} placeholder="none" {...text('excludeDomain')} />
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
