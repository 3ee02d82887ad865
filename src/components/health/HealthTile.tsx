import { css, cx } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import type { Band } from '../../scoring';
import type { TileContent } from '../../views/layout';
import { bandLabel, readableColor } from '../bands';
import { NoticeMark } from '../NoticeMark';
import { Sparkline } from '../Sparkline';
import { visuallyHidden } from '../visuallyHidden';

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
  /** Sized to the panel (the health grid): the tile's height and its text sizes. Without it, Grafana's sizes. */
  fit?: TileContent & { height: number };
  /** Placed by the grid (absolute position, its place in a virtualised list). */
  style?: React.CSSProperties;
  position?: { index: number; of: number };
}

/** One service's or domain's score in a grid: name, score and band, trend; a button that explains it. */
export const HealthTile = React.memo(function HealthTile(props: HealthTileProps) {
  const { name, text, band, color, trend, compact, selected, onSelect, href, linkTitle, notices, width, fit } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const background = theme.colors.background.secondary;
  const label = `${name || 'Health'}: ${text}, ${bandLabel[band]}`;
  const line = fit?.kind === 'line';
  const scoreSize = fit?.valueFont ?? theme.typography.h3.fontSize;
  // Large text to WCAG (3:1) only from 24 px.
  const large = fit !== undefined && fit.valueFont >= 24;
  const trendHeight = fit ? fit.trendHeight : compact ? 0 : 20;
  // On one line the corner marks sit at the line's end: keep the score clear of them.
  const lineRoom = 8 + (notices?.length ? 20 : 0) + (href ? 16 : 0);
  const body = (
    <>
      <span
        className={cx(styles.name, !!notices?.length && !!href && styles.roomForTwo, line && styles.lineName)}
        style={fit && { fontSize: fit.nameFont, lineHeight: 1.2 }}
        title={name}
      >
        {name || 'Health score'}
      </span>{' '}
      {/* 4.5:1 at small sizes: at Grafana's font size a tile's score is not large text to WCAG. */}
      <span
        className={styles.score}
        style={{ fontSize: scoreSize, color: readableColor(theme, color, background, large) }}
      >
        {text}
      </span>{' '}
      <span className={cx(styles.band, line && visuallyHidden)}>{bandLabel[band]}</span>
      {trend && trendHeight > 0 && (
        <Sparkline
          timestamps={trend.timestamps}
          values={trend.score}
          width={Math.max(0, width - 16)}
          height={trendHeight}
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
    <li
      className={cx(styles.tile, selected && styles.selected)}
      style={{ ...props.style, borderLeftColor: color, height: fit?.height }}
      aria-posinset={props.position && props.position.index + 1}
      aria-setsize={props.position?.of}
    >
      {onSelect ? (
        <button
          type="button"
          className={cx(styles.button, fit && styles.filled, line && styles.line)}
          style={line ? { paddingRight: lineRoom } : undefined}
          onClick={onSelect}
          aria-pressed={selected}
        >
          {body}
        </button>
      ) : (
        <div
          className={cx(styles.button, fit && styles.filled, line && styles.line)}
          style={line ? { paddingRight: lineRoom } : undefined}
          role="group"
          aria-label={label}
        >
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

/** A tile's box, its selected outline and its button: the health grid's, and the Overview page's group tiles. */
export const tileBoxStyles = (theme: GrafanaTheme2) => ({
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
});

const getStyles = (theme: GrafanaTheme2) => ({
  ...tileBoxStyles(theme),
  filled: css({ height: '100%', justifyContent: 'center', overflow: 'hidden' }),
  line: css({ flexDirection: 'row', alignItems: 'center', gap: theme.spacing(1), padding: theme.spacing(0, 1) }),
  lineName: css({ flex: 1, minWidth: 0, paddingRight: 0 }),
  name: css({
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    paddingRight: theme.spacing(2),
  }),
  score: css({
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1.2,
  }),
  roomForTwo: css({ paddingRight: theme.spacing(4) }),
  band: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, lineHeight: '18px' }),
  corner: css({ position: 'absolute', top: theme.spacing(0.5), maxHeight: '100%' }),
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
