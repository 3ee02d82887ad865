import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2, StandardEditorProps } from '@grafana/data';
import { RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { useAppProfile } from '../../../components/profile/useAppProfile';
import { OverrideNumber } from '../../shared/components/OverrideNumber';
import type { IndicatorOverride } from '../types';

type Overrides = Record<string, IndicatorOverride>;
const NUMBERS = ['target', 'warning', 'critical', 'weight'] as const;
const tristate = [
  { label: 'App', value: 'app', description: 'As in the PerfScope settings' },
  { label: 'On', value: 'on' },
  { label: 'Off', value: 'off' },
];
const toTri = (v: boolean | undefined) => (v === undefined ? 'app' : v ? 'on' : 'off');
const fromTri = (v: string) => (v === 'app' ? undefined : v === 'on');

/** This panel's thresholds, weights and key indicators, over the app settings' (empty: the app's value). */
export function IndicatorOverridesEditor({ value = {}, onChange }: StandardEditorProps<Overrides>) {
  const styles = useStyles2(getStyles);
  const app = useAppProfile();
  const set = (id: string, field: keyof IndicatorOverride, v: number | boolean | undefined) => {
    const next: IndicatorOverride = { ...value[id], [field]: v };
    if (v === undefined) {
      delete next[field];
    }
    const all = { ...value, [id]: next };
    if (Object.keys(next).length === 0) {
      delete all[id];
    }
    onChange(all);
  };
  return (
    <div className={styles.list}>
      {(app?.profile.indicators ?? []).map((ind) => (
        <fieldset key={ind.id} className={styles.indicator}>
          <legend>{ind.name}</legend>
          <div className={styles.row}>
            {NUMBERS.map((field) => (
              <label key={field} className={styles.field}>
                <span>{field}</span>
                <OverrideNumber
                  label={`${ind.name} ${field}`}
                  value={value[ind.id]?.[field]}
                  inherited={ind[field]}
                  onChange={(v) => set(ind.id, field, v)}
                  width={8}
                />
              </label>
            ))}
          </div>
          <div className={styles.row}>
            <span className={styles.field}>
              <span>enabled</span>
              <RadioButtonGroup
                size="sm"
                options={tristate}
                value={toTri(value[ind.id]?.enabled)}
                onChange={(v) => set(ind.id, 'enabled', fromTri(v))}
              />
            </span>
            <span className={styles.field}>
              <span>key indicator</span>
              <RadioButtonGroup
                size="sm"
                options={tristate}
                value={toTri(value[ind.id]?.key)}
                onChange={(v) => set(ind.id, 'key', fromTri(v))}
              />
            </span>
          </div>
        </fieldset>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  indicator: css({
    border: `1px solid ${theme.colors.border.weak}`,
    padding: theme.spacing(0.5, 1),
    legend: { fontSize: theme.typography.bodySmall.fontSize, width: 'auto', margin: 0 },
  }),
  row: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) }),
  field: css({ display: 'flex', flexDirection: 'column', fontSize: theme.typography.bodySmall.fontSize }),
});
