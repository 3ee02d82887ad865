import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { readableColor } from '../../../components/bands';
import { BandBadge } from '../../../components/health/BandBadge';
import type { Band } from '../../../scoring';

interface Props {
  title: string;
  value: string;
  band: Band;
  color: string;
  /** Against what: "target 99.9 %". */
  detail: React.ReactNode;
}

const metLabel: Partial<Record<Band, string>> = { ok: 'Met', critical: 'Missed' };

/** One SLA objective: its value large, coloured, met or missed, against its target. */
export function Objective({ title, value, band, color, detail }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
    <section
      className={styles.card}
      aria-label={`${title}: ${value}, ${metLabel[band] ?? 'no data'}`}
      style={{ borderTopColor: color }}
    >
      <h4 className={styles.title}>{title}</h4>
      <div
        className={styles.value}
        // 4.5:1 whatever the size: at Grafana's font size an objective's value is not large text to WCAG.
        style={{ color: readableColor(theme, color, theme.colors.background.secondary) }}
      >
        {value}
      </div>
      <div className={styles.detail}>
        {detail} <BandBadge band={band} color={color} />
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
  title: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.primary, margin: 0 }),
  value: css({
    fontSize: theme.typography.h3.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1.2,
  }),
  detail: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
});
