import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { BandBadge } from '../../components/health/BandBadge';
import { smallTable } from '../../components/tableStyles';
import { formatValue } from '../../views/display';
import { dashboardUrl } from '../shared/dashboards';
import type { DomainSummary } from './overviewData';

/** Each business domain where it costs most, against its thresholds, opening the development dashboard. */
export function DomainTable({ domains }: { domains: DomainSummary[] }) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>Domain overhead: each domain where it adds the most to request time</caption>
      <thead>
        <tr>
          <th scope="col">Domain</th>
          <th scope="col">Largest overhead</th>
          <th scope="col">Band</th>
          <th scope="col">In service</th>
          <th scope="col">Thresholds (target / warning / critical)</th>
        </tr>
      </thead>
      <tbody>
        {domains.map((d) => (
          <tr key={d.name} data-domain={d.name}>
            <th scope="row">
              <a className={styles.link} href={dashboardUrl('development', { domain: d.name })}>
                {d.name}
              </a>
            </th>
            <td>{formatValue(d.overhead, 'percent', 2)}</td>
            <td>
              <BandBadge band={d.band} />
            </td>
            <td>
              {d.service}
              {d.services > 1 && ` (of ${d.services})`}
            </td>
            <td>
              {d.thresholds.target} / {d.thresholds.warning} / {d.thresholds.critical} %
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: smallTable(theme),
  link: css({ color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
  caption: css({ textAlign: 'left', padding: theme.spacing(1, 0), fontSize: theme.typography.h5.fontSize }),
});
