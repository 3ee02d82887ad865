import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { Sparkline } from '../../../components/Sparkline';

interface Props {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
  width: number;
  /** The chart's height (40 px unless the panel has room). */
  height?: number;
  color: string;
  /** A budget fraction (1 = untouched) as the panel writes the budget. */
  format: (fraction: number) => string;
}

function ends(values: ArrayLike<number>): [number, number] | null {
  const finite = Array.from(values).filter(Number.isFinite);
  return finite.length > 0 ? [finite[0], finite[finite.length - 1]] : null;
}

/** The error budget remaining over the time range, 100 % at the top; below the line the budget is overspent. */
export function BurnDown({ timestamps, values, width, height = 40, color, format }: Props) {
  const styles = useStyles2(getStyles);
  const span = ends(values);
  if (!span) {
    return null;
  }
  const min = Math.min(0, ...Array.from(values).filter(Number.isFinite));
  const label = `Error budget remaining over the time range: from ${format(span[0])} to ${format(span[1])}`;
  return (
    <section className={styles.box} aria-label="Error budget burn-down">
      <h4 className={styles.title}>{label}</h4>
      <div className={styles.chart}>
        {min < 0 && <div className={styles.zero} style={{ top: `${(1 / (1 - min)) * 100}%` }} aria-hidden />}
        <Sparkline
          timestamps={timestamps}
          values={values}
          width={width}
          height={height}
          min={min}
          max={1}
          color={color}
          label={label}
        />
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({ marginTop: theme.spacing(0.5) }),
  title: css({
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightRegular,
    margin: 0,
  }),
  chart: css({ position: 'relative' }),
  zero: css({ position: 'absolute', left: 0, right: 0, borderTop: `1px dashed ${theme.colors.text.secondary}` }),
});
