import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Tooltip, useStyles2, useTheme2 } from '@grafana/ui';

import type { Band } from '../../scoring';
import { bandColor, bandLabel } from '../bands';
import { visuallyHidden } from '../visuallyHidden';

interface Props {
  band: Band;
  color?: string;
  compact?: boolean;
  /** Why the value has this band (src/views/bandReason.ts): a tooltip on hover and focus. */
  reason?: string;
}

/**
 * A band's name beside a dot of its colour: the colour is never the only carrier of the meaning. Compact,
 * only the dot shows and the name is left for screen readers. With a reason, hovering or focusing it says why.
 */
export function BandBadge({ band, color, compact, reason }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const badge = (
    <span className={styles.badge} data-band={band} tabIndex={reason ? 0 : undefined} aria-description={reason}>
      <span className={styles.dot} style={{ background: color ?? bandColor(theme, band) }} aria-hidden />
      <span className={compact ? visuallyHidden : undefined}>{bandLabel[band]}</span>
    </span>
  );
  return reason ? <Tooltip content={reason}>{badge}</Tooltip> : badge;
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
