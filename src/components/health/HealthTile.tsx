import { css, cx } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import type { Band } from '../../scoring';
import { bandLabel, readableColor } from '../bands';
import { NoticeMark } from '../NoticeMark';
import { Sparkline } from '../Sparkline';

export interface HealthTileProps {
  name: string;
  /** The score as the field config formats it. */
  text: string;
  band: Band;
  /** The band's (or the field config's) colour. */
  color: string;
  trend?: { timestamps: ArrayLike<number>; score: ArrayLike<number> } | null;
  compact?: boolean;
  selected?: boolean;
  onSelect?: () => void;
  /** Drill-down link (the panel's data link, or a dashboard on the overview page). */
  href?: string;
  linkTitle?: string;
  /** Missing indicators and failed queries of this tile, each named: the score is not the whole story. */
  notices?: string[];
  width: number;
}

/** One service's or domain's score in a grid: name, score and band, trend; a button that explains it. */
export const HealthTile = React.memo(function HealthTile(props: HealthTileProps) {
  const { name, text, band, color, trend, compact, selected, onSelect, href, linkTitle, notices, width } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const background = theme.colors.background.secondary;
  const label = `${name || 'Health'}: ${text}, ${bandLabel[band]}`;
  const body = (
    <>
      <span className={cx(styles.name, !!notices?.length && !!href && styles.roomForTwo)} title={name}>
        {name || 'Health score'}
      </span>{' '}
      {/* 4.5:1 whatever the size: at Grafana's font size a tile's score is not large text to WCAG. */}
      <span className={styles.score} style={{ color: readableColor(theme, color, background) }}>
        {text}
      </span>{' '}
      <span className={styles.band}>{bandLabel[band]}</span>
      {!compact && trend && (
        <Sparkline
          timestamps={trend.timestamps}
          values={trend.score}
          width={Math.max(0, width - 16)}
          height={20}
          min={0}
          max={100}
          color={color}
          label={`${name} health score over the time range`}
          decorative
        />
      )}
    </>
  );
  return (
    <li className={cx(styles.tile, selected && styles.selected)} style={{ borderLeftColor: color }}>
      {onSelect ? (
        <button type="button" className={styles.button} onClick={onSelect} aria-pressed={selected}>
          {body}
        </button>
      ) : (
        <div className={styles.button} role="group" aria-label={label}>
          {body}
        </div>
      )}
      {notices && notices.length > 0 && (
        <NoticeMark warnings={notices} className={cx(styles.corner, href ? styles.besideLink : styles.atEdge)} />
      )}
      {href && (
        <a
          className={styles.link}
          href={href}
          title={linkTitle ?? `Open ${name}`}
          aria-label={linkTitle ?? `Open ${name}`}
        >
          ↗
        </a>
      )}
    </li>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  tile: css({
    position: 'relative',
    listStyle: 'none',
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    borderLeft: '4px solid',
    minWidth: 0,
  }),
  selected: css({ outline: `2px solid ${theme.colors.primary.border}` }),
  button: css({
    all: 'unset',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    width: '100%',
    padding: theme.spacing(0.5, 1),
    cursor: 'pointer',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  name: css({
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    paddingRight: theme.spacing(2),
  }),
  score: css({
    fontSize: theme.typography.h3.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1.2,
  }),
  roomForTwo: css({ paddingRight: theme.spacing(4) }),
  band: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  corner: css({ position: 'absolute', top: theme.spacing(0.5) }),
  atEdge: css({ right: theme.spacing(0.5) }),
  besideLink: css({ right: theme.spacing(2.5) }),
  link: css({
    position: 'absolute',
    top: theme.spacing(0.25),
    right: theme.spacing(0.5),
    color: theme.colors.text.link,
    textDecoration: 'none',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
});
