import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { BandBadge } from '../../../components/health/BandBadge';
import type { MonthCompliance } from '../../../scoring';

const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Availability per calendar month against the target, oldest first. */
export function MonthHistory(props: {
  months: MonthCompliance[];
  /** The target, written. */
  target: string;
  /** An availability (percent) as the panel writes it. */
  format: (percent: number) => string;
}) {
  const { months, target, format } = props;
  const styles = useStyles2(getStyles);
  return (
    <section aria-label="Monthly compliance">
      <h4 className={styles.title}>Monthly compliance (target {target})</h4>
      <ol className={styles.list}>
        {months.map((m) => (
          <li key={m.month} className={styles.month} data-month={m.month}>
            <span>{monthName(m.month)}</span>
            <strong>{m.availability === null ? 'no data' : format(m.availability)}</strong>
            <BandBadge band={m.compliant === null ? 'nodata' : m.compliant ? 'ok' : 'critical'} />
            {m.partial && <span className={styles.partial}>part of the month</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  title: css({ fontSize: theme.typography.bodySmall.fontSize, margin: theme.spacing(0.5, 0, 0.25) }),
  list: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), listStyle: 'none', margin: 0, padding: 0 }),
  month: css({
    display: 'flex',
    flexDirection: 'column',
    fontSize: theme.typography.bodySmall.fontSize,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0.5, 1),
  }),
  partial: css({ color: theme.colors.text.secondary }),
});
