import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

import type { TierState } from '../../../scoring';
import { smallTable } from '../../../components/tableStyles';

const rate = (v: number | null) => (v === null ? 'no data' : `${Number(v.toFixed(2))}×`);

/** The burn-rate tiers: each window's burn rate against the tier's factor, and whether the tier fires. */
export function TierTable({ tiers }: { tiers: TierState[] }) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>Burn-rate tiers (both windows above the factor: firing)</caption>
      <thead>
        <tr>
          <th scope="col">Tier</th>
          <th scope="col">Long window</th>
          <th scope="col">Short window</th>
          <th scope="col">Factor</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {tiers.map((t) => (
          <tr key={t.name} data-tier={t.name}>
            <th scope="row">
              {t.name} <span className={styles.severity}>({t.severity})</span>
            </th>
            <td>
              {t.longWindow}: {rate(t.longBurnRate)}
            </td>
            <td>
              {t.shortWindow}: {rate(t.shortBurnRate)}
            </td>
            <td>{rate(t.factor)}</td>
            <td className={t.firing ? styles[t.severity] : undefined}>
              {t.firing ? (
                <>
                  <Icon name="fire" size="sm" aria-hidden /> Firing
                </>
              ) : (
                'Quiet'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: smallTable(theme),
  caption: css({ textAlign: 'left', padding: theme.spacing(0.5, 0.5, 0.25) }),
  severity: css({ color: theme.colors.text.secondary }),
  critical: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  warning: css({ color: theme.colors.warning.text, fontWeight: theme.typography.fontWeightMedium }),
  info: css({ color: theme.colors.info.text, fontWeight: theme.typography.fontWeightMedium }),
});
