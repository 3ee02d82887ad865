import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Checkbox, Field, RadioButtonGroup, Stack, Switch, TextArea, useStyles2 } from '@grafana/ui';

import type { Indicator } from '../../scoring';
import { NumberField } from './fields';
import type { Draft } from './useDraft';

const aggregations = [
  {
    value: 'weighted' as const,
    label: 'Weighted',
    description: 'Weighted mean of the sub-scores, capped by key indicators',
  },
  { value: 'worst' as const, label: 'Worst', description: 'The lowest sub-score' },
];

/** Each indicator's thresholds, weight, key flag and query, and the aggregation. */
export function IndicatorsSection({ d }: { d: Draft }) {
  const styles = useStyles2(getStyles);
  return (
    <section aria-labelledby="perfscope-indicators" className={styles.section}>
      <h3 id="perfscope-indicators">Indicators</h3>
      <Field label="Aggregation" error={d.problem('aggregation')} invalid={Boolean(d.problem('aggregation'))}>
        <RadioButtonGroup options={aggregations} value={d.draft.aggregation} onChange={d.setAggregation} />
      </Field>
      {d.problem('indicators') && <p className={styles.error}>{d.problem('indicators')}</p>}
      {d.draft.indicators.map((ind, i) => {
        const path = `indicators[${i}]`;
        const problems = Object.fromEntries(FIELDS.map((f) => [f, d.problem(`${path}.${f}`)]));
        return <IndicatorFields key={i} index={i} ind={ind} problems={problems} setIndicator={d.setIndicator} />;
      })}
    </section>
  );
}

const FIELDS = ['target', 'warning', 'critical', 'weight', 'query'] as const;

interface IndicatorFieldsProps {
  index: number;
  ind: Indicator;
  problems: Record<string, string | undefined>;
  setIndicator: Draft['setIndicator'];
}

/** One indicator's fields; it renders again only when that indicator or its problems change. */
const IndicatorFields = React.memo(
  function IndicatorFields({ index: i, ind, problems, setIndicator }: IndicatorFieldsProps) {
    const styles = useStyles2(getStyles);
    const id = (f: string) => `perfscope-${ind.id}-${f}`;
    return (
      <fieldset className={styles.indicator} data-indicator={ind.id}>
        <legend>
          {ind.name || ind.id}{' '}
          <span className={styles.meta}>
            ({ind.direction === 'higher' ? 'higher is better' : 'lower is better'}, {ind.unit})
          </span>
        </legend>
        <Stack gap={2} wrap="wrap" alignItems="flex-start">
          <Field label="Enabled">
            <Switch
              id={id('enabled')}
              value={ind.enabled}
              onChange={(e) => setIndicator(i, { enabled: e.currentTarget.checked })}
            />
          </Field>
          {(['target', 'warning', 'critical', 'weight'] as const).map((f) => (
            <NumberField
              key={f}
              id={id(f)}
              label={f[0].toUpperCase() + f.slice(1)}
              value={ind[f]}
              onChange={(v) => setIndicator(i, { [f]: v })}
              error={problems[f]}
              width={10}
            />
          ))}
          <Field label="Key indicator" description="Caps the score">
            <Checkbox
              id={id('key')}
              value={ind.key}
              onChange={(e) => setIndicator(i, { key: e.currentTarget.checked })}
            />
          </Field>
        </Stack>
        <Field label="Query (PromQL)" invalid={Boolean(problems.query)} error={problems.query}>
          <TextArea
            id={id('query')}
            rows={2}
            value={ind.query}
            onChange={(e) => setIndicator(i, { query: e.currentTarget.value })}
          />
        </Field>
      </fieldset>
    );
  },
  (a, b) => a.ind === b.ind && a.index === b.index && FIELDS.every((f) => a.problems[f] === b.problems[f])
);

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  indicator: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(2),
    legend: { fontSize: theme.typography.h5.fontSize, width: 'auto', padding: theme.spacing(0, 0.5), margin: 0 },
  }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  error: css({ color: theme.colors.error.text }),
});
