import { css, cx } from '@emotion/css';
import React, { useId } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { smallTable } from '../../components/tableStyles';
import type { Discovery } from '../../discovery/discover';
import { LISTED_SERVICES } from '../../discovery/report';
import { formatValue } from '../../views/display';
import type { Indicator } from '../../scoring';

/** Why an indicator has no value for some services: one explanation per indicator. */
interface Missing {
  id: string;
  name: string;
  field: string;
  lacking: number;
  reason: string;
}

/**
 * Each service's value now for each indicator of the discovered profile; where there is none, "–" and a note
 * under the table saying why (one per indicator, as discovery explains it once for all the services it lacks).
 */
export function CoverageTable({ discovery, indicators }: { discovery: Discovery; indicators: Indicator[] }) {
  const styles = useStyles2(getStyles);
  const prefix = useId();
  const shown = indicators.filter((i) => i.id in discovery.fields);
  const services = discovery.services.slice(0, LISTED_SERVICES);
  const missing: Missing[] = shown.flatMap((ind) => {
    const lacking = discovery.services.filter((s) => discovery.coverage[s]?.[ind.id]?.value === null);
    return lacking.length === 0
      ? []
      : [
          {
            id: ind.id,
            name: ind.name || ind.id,
            field: discovery.fields[ind.id],
            lacking: lacking.length,
            reason: discovery.coverage[lacking[0]][ind.id].reason ?? 'no value',
          },
        ];
  });
  const noteId = (id: string) => `${prefix}-missing-${id}`;
  return (
    <>
      <table className={styles.table}>
        <caption>Coverage now: each indicator&apos;s value per service</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            {shown.map((ind) => (
              <th scope="col" key={ind.id}>
                {ind.name || ind.id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              {shown.map((ind) => {
                const value = discovery.coverage[s]?.[ind.id]?.value ?? null;
                return value === null ? (
                  <td key={ind.id} className={styles.missing} aria-describedby={noteId(ind.id)}>
                    –
                  </td>
                ) : (
                  // 12 significant digits: Prometheus sums in no fixed order, and 1.9999999999999998 would show
                  // as "2.00%" where 2 shows as "2%".
                  <td key={ind.id}>{formatValue(Number(value.toPrecision(12)), ind.unit)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {discovery.services.length > services.length && (
        <p>… and {discovery.services.length - services.length} more services (the profile covers every one).</p>
      )}
      {missing.length > 0 && (
        <ul aria-label="Why values are missing" className={styles.notes}>
          {missing.map((m) => (
            <li key={m.id} id={noteId(m.id)}>
              – {m.name} ({m.field}),{' '}
              {m.lacking === discovery.services.length
                ? 'every service'
                : `${m.lacking} of ${discovery.services.length} services`}
              : {m.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: cx(reportTable(theme), css({ 'td, thead th:not(:first-child)': { textAlign: 'right' } })),
  missing: css({ color: theme.colors.text.secondary }),
  notes: css({ listStyle: 'none', padding: 0, color: theme.colors.text.secondary }),
});

/** The report's tables: the panels' compact table, as wide as its content, captioned, long text wrapping. */
export const reportTable = (theme: GrafanaTheme2) =>
  cx(
    smallTable(theme),
    css({
      width: 'auto',
      marginBottom: theme.spacing(2),
      fontVariantNumeric: 'tabular-nums',
      caption: { captionSide: 'top', textAlign: 'left', fontWeight: theme.typography.fontWeightMedium },
      td: { whiteSpace: 'normal' },
    })
  );
