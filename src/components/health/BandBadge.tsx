import { css } from '@emotion/css';
import React, { useState } from 'react';
import { createPortal } from 'react-dom';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

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
  // Where the tooltip shows, while the badge is hovered or focused. A light tooltip of its own rather than
  // Grafana's Tooltip: a table of 100 bands would otherwise set up 100 floating tooltips on every render.
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  const show = (e: React.SyntheticEvent<HTMLElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    // Below the badge, kept inside the window (the tooltip is at most 400 px wide).
    setAt({ left: Math.max(0, Math.min(r.left, window.innerWidth - 408)), top: r.bottom + 4 });
  };
  const hide = () => setAt(null);
  return (
    <>
      <span
        className={styles.badge}
        data-band={band}
        tabIndex={reason ? 0 : undefined}
        aria-description={reason}
        onMouseEnter={reason ? show : undefined}
        onFocus={reason ? show : undefined}
        onMouseLeave={reason ? hide : undefined}
        onBlur={reason ? hide : undefined}
        onKeyDown={reason ? (e) => e.key === 'Escape' && hide() : undefined}
      >
        <span className={styles.dot} style={{ background: color ?? bandColor(theme, band) }} aria-hidden />
        <span className={compact ? visuallyHidden : undefined}>{bandLabel[band]}</span>
      </span>
      {reason &&
        at &&
        createPortal(
          <div role="tooltip" className={styles.tooltip} style={at}>
            {reason}
          </div>,
          document.body
        )}
    </>
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
  // As Grafana's Tooltip looks.
  tooltip: css({
    position: 'fixed',
    zIndex: theme.zIndex.tooltip,
    maxWidth: 400,
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.radius.default,
    background: theme.components.tooltip.background,
    color: theme.components.tooltip.text,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'break-word',
    pointerEvents: 'none',
  }),
});
