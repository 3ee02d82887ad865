import { css, cx } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';

interface Props {
  /** Failed queries and missing data, each naming what. */
  warnings: string[];
  /** Where the thresholds come from and the like. */
  infos?: string[];
  /** A few words shown beside the icon ("1 query failed"); none: the icon alone. */
  summary?: string;
  className?: string;
}

/**
 * Where there is no room for the notices (compact layouts, a tile): an icon whose tooltip, shown on hover
 * and on keyboard focus, and accessible name list every notice.
 */
export function NoticeMark({ warnings, infos = [], summary, className }: Props) {
  const styles = useStyles2(getStyles);
  const all = [...warnings, ...infos];
  if (all.length === 0) {
    return null;
  }
  const warn = warnings.length > 0;
  return (
    <Tooltip
      content={
        <ul className={styles.list}>
          {all.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      }
    >
      <span
        role="img"
        aria-label={`${summary ? `${summary}: ` : ''}${all.join('; ')}`}
        className={cx(styles.mark, warn ? styles.warning : styles.info, className)}
        data-testid="notice-mark"
      >
        <Icon name={warn ? 'exclamation-triangle' : 'info-circle'} size="sm" aria-hidden />
        {summary && <span aria-hidden>{summary}</span>}
      </span>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  mark: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.25),
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: 1.2,
    whiteSpace: 'nowrap',
    cursor: 'help',
    borderRadius: theme.shape.radius.default,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 1 },
  }),
  warning: css({ color: theme.colors.warning.text }),
  info: css({ color: theme.colors.text.secondary }),
  list: css({ margin: 0, paddingLeft: theme.spacing(2), maxWidth: 360 }),
});
