import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bandColor, readableColor } from '../../../components/bands';
import { exhaustionText, POLICY_BANDS, type BudgetReport, type BudgetWindow } from '../../../scoring';

const STATE_LABEL = { ok: 'OK', warn: 'Warn', page: 'Page', freeze: 'Freeze', nodata: 'No data' } as const;

const windowText = (w: BudgetWindow) =>
  `${w.window}: ${w.burnRate === null ? '–' : `${w.burnRate.toFixed(2)}×`} ${exhaustionText(w)}`;

/** The error-budget policy: the state as a badge in its band's colour, the budget spent and the projection. */
export function BudgetPolicy({ budget, period, compact }: { budget: BudgetReport; period: string; compact: boolean }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const color = bandColor(theme, POLICY_BANDS[budget.state]);
  const spent =
    budget.spent === null ? 'budget spent unknown' : `${budget.spent.toFixed(1)}% of the ${period} budget spent`;
  return (
    <div className={styles.policy} role="group" aria-label="Error-budget policy" data-policy={budget.state}>
      <span
        className={styles.badge}
        style={{ color: readableColor(theme, color, theme.colors.background.primary), borderColor: color }}
      >
        {STATE_LABEL[budget.state]}
      </span>
      <span className={styles.text} title={spent}>
        {compact ? spent.replace(/ of the .* budget/, '') : spent}
      </span>
      {!compact && budget.windows.length > 0 && (
        <ul className={styles.windows} aria-label="Projected exhaustion">
          {budget.windows.map((w) => (
            <li key={w.window} data-window={w.window} className={styles.text} title={windowText(w)}>
              {windowText(w)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  policy: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1),
    minWidth: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    marginBottom: theme.spacing(0.5),
  }),
  badge: css({
    border: '1px solid',
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0, 0.75),
    fontWeight: theme.typography.fontWeightMedium,
  }),
  text: css({ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%' }),
  windows: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0, 1),
  }),
});
