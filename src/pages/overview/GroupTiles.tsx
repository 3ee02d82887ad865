import { css, cx } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bandColor, bandLabel, readableColor } from '../../components/bands';
import { tileBoxStyles } from '../../components/health/HealthTile';
import type { PortfolioTile } from './portfolio';

/** The score as a tile writes it: one decimal at most, a dash without data. */
export const scoreText = (score: number | null) => (score === null ? '–' : String(Number(score.toFixed(1))));

/**
 * The profile's groups: score, band and the rules that held; choosing one shows only its services below
 * (choosing it again shows every service).
 */
export function GroupTiles({
  tiles,
  selected,
  onSelect,
}: {
  tiles: PortfolioTile[];
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.grid} aria-label="Health by group">
      {tiles.map((t) => {
        const color = bandColor(theme, t.band);
        const on = selected === t.id;
        return (
          <li key={t.id} className={cx(styles.tile, on && styles.selected)} style={{ borderLeftColor: color }}>
            <button
              type="button"
              className={styles.button}
              aria-pressed={on}
              aria-label={`${t.name}: ${scoreText(t.score)}, ${bandLabel[t.band]}: ${on ? 'show every service' : `show its ${t.services.length} services`}`}
              onClick={() => onSelect(on ? null : t.id)}
            >
              <span className={styles.name} title={t.name}>
                {t.name}
              </span>
              <span
                className={styles.score}
                style={{ color: readableColor(theme, color, theme.colors.background.secondary) }}
              >
                {scoreText(t.score)}
              </span>
              <span className={styles.small}>{bandLabel[t.band]}</span>
            </button>
            {(t.rulesHeld.length > 0 || t.noData.length > 0) && (
              <ul className={styles.rules} aria-label={`Rules that held for ${t.name}`}>
                {t.rulesHeld.map((r) => (
                  <li key={r}>{r}</li>
                ))}
                {t.noData.length > 0 && <li>no data: {t.noData.join(', ')}</li>}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: theme.spacing(1),
    margin: 0,
    padding: 0,
  }),
  ...tileBoxStyles(theme),
  name: css({
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  score: css({
    fontSize: theme.typography.h3.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1.2,
  }),
  small: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  rules: css({
    margin: theme.spacing(0, 1, 0.5),
    paddingLeft: theme.spacing(2),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
