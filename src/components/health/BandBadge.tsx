import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import type { Band } from '../../scoring';
import { bandColor, bandLabel } from '../bands';
import { visuallyHidden } from '../visuallyHidden';

/**
 * A band's name beside a dot of its colour: the colour is never the only carrier of the meaning. Compact,
 * only the dot shows and the name is left for screen readers.
 */
export function BandBadge({ band, color, compact }: { band: Band; color?: string; compact?: boolean }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
    <span className={styles.badge} data-band={band}>
      <span className={styles.dot} style={{ background: color ?? bandColor(theme, band) }} aria-hidden />
      <span className={compact ? visuallyHidden : undefined}>{bandLabel[band]}</span>
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  badge: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
    color: theme.colors.text.primary,
  }),
  dot: css({ width: 10, height: 10, borderRadius: theme.shape.radius.circle, flex: 'none' }),
});
