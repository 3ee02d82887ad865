import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

/** Small print under a panel: partial data, problems with the queries, where the thresholds come from. */
export function Notices({ warnings = [], infos = [] }: { warnings?: string[]; infos?: string[] }) {
  const styles = useStyles2(getStyles);
  if (warnings.length === 0 && infos.length === 0) {
    return null;
  }
  return (
    <ul className={styles.list} aria-label="Notices" data-testid="notices" tabIndex={0}>
      {warnings.map((text) => (
        <li key={`w${text}`} className={styles.warning}>
          <Icon name="exclamation-triangle" size="sm" aria-hidden /> {text}
        </li>
      ))}
      {infos.map((text) => (
        <li key={`i${text}`}>
          <Icon name="info-circle" size="sm" aria-hidden /> {text}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    flex: 'none',
    margin: 0,
    padding: theme.spacing(0.5, 0, 0),
    listStyle: 'none',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    maxHeight: '30%',
    overflow: 'auto',
  }),
  warning: css({ color: theme.colors.warning.text }),
});
