import { css, cx } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bandLabel, readableColor } from '../../../components/bands';
import { BandBadge } from '../../../components/health/BandBadge';
import { scoreBandReason } from '../../../views/bandReason';
import { Sparkline } from '../../../components/Sparkline';
import type { GroupHealth } from '../../../views/health/model';
import { Breakdown } from './Breakdown';
import { NARROW_TABLE, singleLayout } from '../data/layout';
import { grafanaMeasure } from '../../../components/measure';

interface Props {
  group: GroupHealth;
  text: string;
  color: string;
  explanation: string;
  width: number;
  height: number;
  compact: boolean;
  showTrend: boolean;
  showBreakdown: boolean;
}

/** One score, large and coloured by its band, its trend, and why it is what it is. */
export function SingleHealth(props: Props) {
  const { group, text, color, explanation, width, height, compact, showTrend, showBreakdown } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { health } = group;
  const narrow = width < NARROW_TABLE;
  const fit = singleLayout(
    { width, height },
    {
      score: text,
      caption: explanation,
      rows: health.indicators.length,
      // Narrow, a row whose indicator is tagged (key, caps the score) wraps to two lines.
      wrappedRows: narrow ? health.indicators.filter((i) => i.key || health.cappedBy === i.id).length : 0,
      trend: !compact && showTrend && !!group.trend,
      breakdown: !compact && showBreakdown && health.indicators.length > 0,
    },
    grafanaMeasure
  );
  const fontSize = fit.scoreFont;
  const label = `${group.name ? `${group.name} health` : 'Health'} score ${text}, ${bandLabel[health.band]}`;
  return (
    <div className={styles.container}>
      <div className={cx(styles.head, fit.row && styles.row)} role="group" aria-label={label}>
        {group.name && !compact && (
          <div className={styles.name} title={group.name}>
            {group.name}
          </div>
        )}
        <div
          className={styles.score}
          // Large text to WCAG (3:1) only from 24 px.
          style={{ fontSize, color: readableColor(theme, color, theme.colors.background.primary, fontSize >= 24) }}
        >
          {text}
        </div>
        <BandBadge band={health.band} color={color} reason={scoreBandReason(health.score)} />
      </div>
      {fit.trendHeight > 0 && group.trend && (
        <Sparkline
          timestamps={group.trend.timestamps}
          values={group.trend.score}
          width={Math.max(0, width - 16)}
          height={fit.trendHeight}
          min={0}
          max={100}
          color={color}
          label="Health score over the time range"
        />
      )}
      {fit.showBreakdown && (
        <div className={styles.breakdown} tabIndex={0} role="group" aria-label="Breakdown">
          <Breakdown health={health} caption={explanation} width={width} />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    gap: theme.spacing(0.5),
    overflow: 'hidden',
  }),
  head: css({ display: 'flex', flexDirection: 'column', alignItems: 'center', flex: 'none', maxWidth: '100%' }),
  row: css({ flexDirection: 'row', justifyContent: 'center', gap: theme.spacing(1.5) }),
  name: css({
    color: theme.colors.text.secondary,
    maxWidth: '100%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  score: css({ fontWeight: theme.typography.fontWeightMedium, lineHeight: 1.2, whiteSpace: 'nowrap' }),
  breakdown: css({ overflow: 'auto', flex: 1, minHeight: 0 }),
});
