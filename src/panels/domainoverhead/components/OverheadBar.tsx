import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { Thresholds } from '../../../scoring';

interface Props {
  value: number | null;
  thresholds: Thresholds;
  max: number;
  color: string;
  /** The bar's thickness in px (12 unless the panel's rows are taller). */
  height?: number;
}

const pct = (v: number, max: number) => `${Math.max(0, Math.min(100, (100 * v) / max))}%`;

/** A horizontal bar on a shared scale with ticks at the target, warning and critical thresholds. */
export const OverheadBar = React.memo(function OverheadBar({ value, thresholds, max, color, height = 12 }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.track} style={{ height }} aria-hidden>
      {value !== null && <div className={styles.fill} style={{ width: pct(value, max), background: color }} />}
      <div className={styles.target} style={{ left: pct(thresholds.target, max) }} />
      <div className={styles.tick} style={{ left: pct(thresholds.warning, max) }} />
      <div className={styles.tick} style={{ left: pct(thresholds.critical, max) }} />
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  track: css({
    position: 'relative',
    minWidth: 40,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  fill: css({ position: 'absolute', left: 0, top: 0, bottom: 0, borderRadius: theme.shape.radius.default }),
  tick: css({ position: 'absolute', top: -2, bottom: -2, width: 1, background: theme.colors.text.secondary }),
  target: css({ position: 'absolute', top: -3, bottom: -3, width: 2, background: theme.colors.text.primary }),
});
