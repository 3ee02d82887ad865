import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Checkbox, Field, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';

import type { Direction, Indicator } from '../../scoring';
import { fieldsOf, SwitchField, NumberField, QueryField, TextField } from './fields';
import type { Draft } from './useDraft';

/** The fields of an indicator the library may find a problem with (`indicators[i].<field>`). */
export const INDICATOR_FIELDS = [
  'name',
  'unit',
  'direction',
  'target',
  'warning',
  'critical',
  'weight',
  'query',
] as const;

const directions = [
  { value: 'lower' as const, label: 'Lower is better' },
  { value: 'higher' as const, label: 'Higher is better' },
];

interface IndicatorFieldsProps {
  index: number;
  ind: Indicator;
  problems: Record<string, string | undefined>;
  setIndicator: Draft['setIndicator'];
}

/** One indicator's fields; it renders again only when that indicator or its problems change. */
export const IndicatorFields = React.memo(
  function IndicatorFields({ index: i, ind, problems, setIndicator }: IndicatorFieldsProps) {
    const styles = useStyles2(getStyles);
    const field = fieldsOf(
      ind.id,
      ind,
      (patch) => setIndicator(i, patch),
      (key) => problems[key]
    );
    const direction = field('direction');
    return (
      <fieldset className={styles.indicator} data-indicator={ind.id}>
        <legend>
          {ind.name || ind.id}{' '}
          <span className={styles.meta}>
            ({ind.direction === 'higher' ? 'higher is better' : 'lower is better'}, {ind.unit || 'no unit'}; id {ind.id}
            )
          </span>
        </legend>
        <Stack gap={2} wrap="wrap" alignItems="flex-start">
          <SwitchField label="Enabled" {...field('enabled')} />
          <TextField label="Name" width={20} {...field('name')} />
          <TextField label="Unit" description="s, percent, reqps…" width={12} {...field('unit')} />
          <Field label="Direction" invalid={Boolean(direction.error)} error={direction.error}>
            <RadioButtonGroup<Direction> options={directions} value={direction.value} onChange={direction.onChange} />
          </Field>
          <Field label="Key indicator" description="Caps the score">
            <Checkbox
              id={field('key').id}
              value={ind.key}
              onChange={(e) => setIndicator(i, { key: e.currentTarget.checked })}
            />
          </Field>
        </Stack>
        <Stack gap={2} wrap="wrap" alignItems="flex-start">
          {(['target', 'warning', 'critical', 'weight'] as const).map((f) => (
            <NumberField key={f} label={f[0].toUpperCase() + f.slice(1)} width={10} {...field(f)} />
          ))}
        </Stack>
        <QueryField label="Query (PromQL)" {...field('query')} />
      </fieldset>
    );
  },
  (a, b) => a.ind === b.ind && a.index === b.index && INDICATOR_FIELDS.every((f) => a.problems[f] === b.problems[f])
);

const getStyles = (theme: GrafanaTheme2) => ({
  indicator: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(2),
    legend: { fontSize: theme.typography.h5.fontSize, width: 'auto', padding: theme.spacing(0, 0.5), margin: 0 },
  }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
