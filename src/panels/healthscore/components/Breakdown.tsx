import { css, cx } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { BandBadge } from '../../../components/health/BandBadge';
import type { HealthScore } from '../../../scoring';
import { scoreBandReason } from '../../../views/bandReason';
import { formatValue } from '../../../views/display';
import { smallTable } from '../../../components/tableStyles';
import { NARROW_TABLE } from '../data/layout';

const fmt = (v: number | null, decimals = 1) => (v === null ? '–' : String(Number(v.toFixed(decimals))));

/** Each indicator's value, sub-score, weight and points lost; the key indicator that capped the score. */
export function Breakdown({ health, caption, width }: { health: HealthScore; caption: string; width: number }) {
  const styles = useStyles2(getStyles);
  // Narrow, names wrap and bands show as dots (their names stay for screen readers): every column fits.
  const narrow = width < NARROW_TABLE;
  return (
    <table className={cx(styles.table, narrow && styles.narrow)}>
      <caption className={styles.caption}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col">Value</th>
          <th scope="col">Sub-score</th>
          <th scope="col">Weight</th>
          <th scope="col">Points lost</th>
        </tr>
      </thead>
      <tbody>
        {health.indicators.map((ind) => (
          <tr key={ind.id} className={cx(ind.subScore === null && styles.missing)} data-indicator={ind.id}>
            <th scope="row">
              {ind.name}
              {ind.key && <span className={styles.tag}> key</span>}
              {health.cappedBy === ind.id && <span className={styles.tag}> caps the score</span>}
            </th>
            <td>{formatValue(ind.value, ind.unit)}</td>
            <td>
              {ind.subScore === null ? 'not counted' : fmt(ind.subScore)}{' '}
              <BandBadge band={ind.band} compact={narrow} reason={scoreBandReason(ind.subScore, 'Sub-score')} />
            </td>
            <td>{fmt(ind.weight, 2)}</td>
            <td>{fmt(ind.pointsLost)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: smallTable(theme),
  caption: css({ textAlign: 'left', color: theme.colors.text.primary, padding: theme.spacing(0.5, 1) }),
  missing: css({ color: theme.colors.text.secondary, fontStyle: 'italic' }),
  tag: css({ color: theme.colors.text.secondary }),
  narrow: css({ 'tbody th': { whiteSpace: 'normal' }, 'th, td': { padding: theme.spacing(0.25, 0.5) } }),
});
