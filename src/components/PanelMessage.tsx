import { css, cx } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

export type MessageKind = 'loading' | 'nodata' | 'error';

interface Props {
  kind: MessageKind;
  title: string;
  /** More words: what is missing, what the query said, what to do. */
  children?: React.ReactNode;
}

/** What a panel shows instead of its data: loading, no data, or an error, centred and announced. */
export function PanelMessage({ kind, title, children }: Props) {
  const styles = useStyles2(getStyles);
  if (kind === 'loading') {
    // Grafana's panel header shows the loading bar; the body only says what is coming.
    return (
      <div className={styles.box} role="status" data-testid="panel-loading">
        <span className={cx(styles.content, styles.nodata)}>{title}…</span>
      </div>
    );
  }
  return (
    <div
      className={styles.box}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={`panel-${kind}`}
      // Scrollable when the words do not fit: reachable by keyboard.
      tabIndex={0}
    >
      {/* Centred while it fits; when it does not, it scrolls from its first line (never cut at the top). */}
      <div className={styles.content}>
        <Icon name={kind === 'error' ? 'exclamation-triangle' : 'info-circle'} size="lg" className={styles[kind]} />
        <strong>{title}</strong>
        {children && <div className={styles.detail}>{children}</div>}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    padding: theme.spacing(1),
    textAlign: 'center',
    overflow: 'auto',
  }),
  content: css({
    margin: 'auto',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    maxWidth: '100%',
    overflowWrap: 'anywhere',
  }),
  detail: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  error: css({ color: theme.colors.error.text }),
  nodata: css({ color: theme.colors.text.secondary }),
});
