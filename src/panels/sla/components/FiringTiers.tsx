import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';

import { bandColor, bySeverity, readableColor } from '../../../components/bands';
import type { TierState } from '../../../scoring';

/** The burn-rate tiers that fire, the most severe first, in their colour: the alarm, above everything else. */
export function FiringTiers({ tiers }: { tiers: TierState[] }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const firing = tiers
    .filter((t) => t.firing)
    .sort(
      bySeverity(
        (t) => t.severity,
        (t) => t.name
      )
    );
  if (firing.length === 0) {
    return null;
  }
  return (
    <ul className={styles.list} aria-label="Firing burn-rate tiers">
      {firing.map((t) => (
        <li
          key={t.name}
          data-firing={t.name}
          className={styles.tier}
          style={{ color: readableColor(theme, bandColor(theme, t.severity), theme.colors.background.primary) }}
        >
          <Icon name="fire" size="sm" aria-hidden /> {t.name} firing
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0, 1) }),
  tier: css({
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '100%',
  }),
});
