import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Checkbox, Combobox, Field, RadioButtonGroup, Stack, Switch, TextArea, useStyles2 } from '@grafana/ui';

import { applyPreset, metricPresets } from '../../scoring';
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

/** Each indicator's thresholds, weight, key flag and query, the aggregation, and the metric presets. */
export function IndicatorsSection({ d }: { d: Draft }) {
  const styles = useStyles2(getStyles);
  const [preset, setPreset] = useState<string | null>(null);
  const chosen = metricPresets.find((p) => p.id === preset);
  return (
    <section aria-labelledby="perfscope-indicators" className={styles.section}>
      <h3 id="perfscope-indicators">Indicators</h3>
      <Field label="Aggregation" error={d.problem('aggregation')} invalid={Boolean(d.problem('aggregation'))}>
        <RadioButtonGroup options={aggregations} value={d.draft.aggregation} onChange={d.setAggregation} />
      </Field>
      <Stack gap={1} alignItems="flex-end">
        <Field label="Metric preset" description={chosen?.description ?? 'Ready queries for common metric conventions'}>
          <Combobox
            id="perfscope-preset"
            width={40}
            options={metricPresets.map((p) => ({ value: p.id, label: p.name }))}
            value={preset}
            onChange={(o) => setPreset(o.value)}
          />
        </Field>
        <div className={styles.presetButton}>
          <Button
            variant="secondary"
            disabled={!chosen}
            onClick={() => chosen && d.replace(applyPreset(d.draft, chosen))}
          >
            Use its queries
          </Button>
        </div>
      </Stack>
      {d.problem('indicators') && <p className={styles.error}>{d.problem('indicators')}</p>}
      {d.draft.indicators.map((ind, i) => {
        const path = `indicators[${i}]`;
        const id = (f: string) => `perfscope-${ind.id}-${f}`;
        return (
          <fieldset key={i} className={styles.indicator} data-indicator={ind.id}>
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
                  onChange={(e) => d.setIndicator(i, { enabled: e.currentTarget.checked })}
                />
              </Field>
              {(['target', 'warning', 'critical', 'weight'] as const).map((f) => (
                <NumberField
                  key={f}
                  id={id(f)}
                  label={f[0].toUpperCase() + f.slice(1)}
                  value={ind[f]}
                  onChange={(v) => d.setIndicator(i, { [f]: v })}
                  error={d.problem(`${path}.${f}`)}
                  width={10}
                />
              ))}
              <Field label="Key indicator" description="Caps the score">
                <Checkbox
                  id={id('key')}
                  value={ind.key}
                  onChange={(e) => d.setIndicator(i, { key: e.currentTarget.checked })}
                />
              </Field>
            </Stack>
            <Field
              label="Query (PromQL)"
              invalid={Boolean(d.problem(`${path}.query`))}
              error={d.problem(`${path}.query`)}
            >
              <TextArea
                id={id('query')}
                rows={2}
                value={ind.query}
                onChange={(e) => d.setIndicator(i, { query: e.currentTarget.value })}
              />
            </Field>
          </fieldset>
        );
      })}
    </section>
  );
}

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
  presetButton: css({ marginBottom: theme.spacing(2), flex: 'none' }),
});
