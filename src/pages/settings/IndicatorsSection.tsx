import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { IndicatorFields, INDICATOR_FIELDS } from './IndicatorFields';
import { sameParts, type Draft } from './useDraft';

const aggregations = [
  {
    value: 'weighted' as const,
    label: 'Weighted',
    description: 'Weighted mean of the sub-scores, capped by key indicators',
  },
  { value: 'worst' as const, label: 'Worst', description: 'The lowest sub-score' },
];

/** The aggregation, and each indicator: name, unit, direction, thresholds, weight, key flag, query. */
export const IndicatorsSection = React.memo(
  function IndicatorsSection({ d }: { d: Draft }) {
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
          const problems = Object.fromEntries(INDICATOR_FIELDS.map((f) => [f, d.problem(`${path}.${f}`)]));
          return <IndicatorFields key={i} index={i} ind={ind} problems={problems} setIndicator={d.setIndicator} />;
        })}
      </section>
    );
  },
  sameParts(
    (d) => d.draft.indicators,
    (d) => d.draft.aggregation
  )
);

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  error: css({ color: theme.colors.error.text }),
});
