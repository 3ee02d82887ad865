import { css, cx } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { readableColor } from '../../../components/bands';
import { BandBadge } from '../../../components/health/BandBadge';
import { visuallyHidden } from '../../../components/visuallyHidden';
import type { Band } from '../../../scoring';

export interface ObjectiveProps {
  title: string;
  value: string;
  band: Band;
  color: string;
  /** Against what: "target 99.9 %". */
  detail: string;
  /** The value's size (src/panels/sla/data/layout.ts). */
  valueFont: number;
  /** The card fills a small panel: its detail goes to the tooltip. */
  compact?: boolean;
  height?: number;
}

const metLabel: Partial<Record<Band, string>> = { ok: 'Met', critical: 'Missed' };

/** One SLA objective: its value large, coloured, met or missed, against its target. */
export function Objective({ title, value, band, color, detail, valueFont, compact, height }: ObjectiveProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  // Large text to WCAG (3:1) only from 24 px.
  const large = valueFont >= 24;
  return (
    <section
      className={cx(styles.card, compact && styles.compact)}
      aria-label={`${title}: ${value}, ${metLabel[band] ?? 'no data'}`}
      style={{ borderTopColor: color, height }}
      title={compact ? `${title}: ${value}, ${detail}` : undefined}
    >
      <h4 className={styles.title} title={title}>
        {title}
      </h4>
      <div
        className={styles.value}
        style={{ fontSize: valueFont, color: readableColor(theme, color, theme.colors.background.secondary, large) }}
      >
        {value}
      </div>
      <div className={styles.detail}>
        <span className={compact ? visuallyHidden : undefined}>{detail}</span> <BandBadge band={band} color={color} />
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    borderTop: '3px solid',
    padding: theme.spacing(0.5, 1),
    minWidth: 0,
  }),
  compact: css({ display: 'flex', flexDirection: 'column', justifyContent: 'center', overflow: 'hidden' }),
  title: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.primary,
    margin: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  value: css({ fontWeight: theme.typography.fontWeightMedium, lineHeight: 1.2, whiteSpace: 'nowrap' }),
  detail: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
});
