import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { BandBadge } from '../../../components/health/BandBadge';
import { visuallyHidden } from '../../../components/visuallyHidden';
import { Sparkline } from '../../../components/Sparkline';
import { valueBandReason } from '../../../views/bandReason';
import type { ShownValue } from '../../../views/display';
import type { OverheadRow, ServiceOverhead } from '../../../views/overhead/model';
import type { OverheadLayout } from '../data/layout';
import { scaleMax } from '../data/sort';
import { OverheadBar } from './OverheadBar';

interface Props {
  service: ServiceOverhead;
  rows: OverheadRow[];
  displays: Map<string, ShownValue>;
  heading: boolean;
  showSystem: boolean;
  showSparklines: boolean;
  layout: OverheadLayout;
}

const limits = (r: OverheadRow, fmt: (v: number) => string) =>
  `target ${fmt(r.thresholds.target)}, warning ${fmt(r.thresholds.warning)}, critical ${fmt(r.thresholds.critical)}`;

/** One service's domains, one bar each on a shared scale, and its system total against its target. */
export function ServiceOverheadTable({ service, rows, displays, heading, showSystem, showSparklines, layout }: Props) {
  const styles = useStyles2(getStyles);
  const max = scaleMax(rows);
  const { columns, narrow } = layout;
  const bars = columns.bar > 0;
  const trends = showSparklines && columns.trend > 0;
  const system = service.system;
  const systemDisplay = displays.get(`${service.service}\u0000${system.name}`)!;
  const title = service.service || 'Domains';
  return (
    <section className={styles.section} aria-label={`Domain overhead of ${title}`}>
      {heading && <h3 className={styles.heading}>{service.service}</h3>}
      {showSystem && (
        <div className={styles.system} data-testid="system-total">
          <span style={{ fontSize: layout.font }}>
            {narrow ? <span className={visuallyHidden}>System </span> : 'System '}
            {narrow ? 'Total' : 'total'}{' '}
            <strong className={styles.total} style={{ fontSize: layout.totalFont }}>
              {systemDisplay.text}
            </strong>
            <span className={narrow ? visuallyHidden : undefined}>
              {' '}
              against its target of {systemDisplay.format(system.thresholds.target)}
            </span>
          </span>
          <BandBadge
            band={system.band}
            color={systemDisplay.color}
            compact={narrow}
            reason={valueBandReason(system.overhead, system.thresholds, 'lower', systemDisplay.format)}
          />
          {bars && (
            <OverheadBar
              value={system.overhead}
              thresholds={system.thresholds}
              max={scaleMax([system])}
              color={systemDisplay.color}
              height={layout.barHeight}
            />
          )}
        </div>
      )}
      <table className={styles.table} style={{ fontSize: layout.font }}>
        <caption className={visuallyHidden}>Overhead of each domain of {title}, with its thresholds</caption>
        <colgroup>
          <col style={{ width: columns.name }} />
          {bars && <col />}
          <col style={{ width: columns.value }} />
          <col style={{ width: columns.band }} />
          {trends && <col style={{ width: columns.trend }} />}
        </colgroup>
        <thead className={visuallyHidden}>
          <tr>
            <th scope="col">Domain</th>
            {bars && <th scope="col">Bar</th>}
            <th scope="col">Overhead</th>
            <th scope="col">Band</th>
            {trends && <th scope="col">Trend</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const d = displays.get(`${service.service}\u0000${row.name}`)!;
            const rowLimits = limits(row, d.format);
            return (
              <tr key={row.name} data-domain={row.name} style={{ height: layout.rowHeight }}>
                <th scope="row" className={styles.name} title={rowLimits}>
                  {d.href ? (
                    <a href={d.href} className={styles.link} title={d.linkTitle}>
                      {row.name}
                    </a>
                  ) : (
                    row.name
                  )}
                  <span className={visuallyHidden}> ({rowLimits})</span>
                </th>
                {bars && (
                  <td className={styles.bar}>
                    <OverheadBar
                      value={row.overhead}
                      thresholds={row.thresholds}
                      max={max}
                      color={d.color}
                      height={layout.barHeight}
                    />
                  </td>
                )}
                <td className={styles.value}>{d.text}</td>
                <td className={styles.band}>
                  <BandBadge
                    band={row.band}
                    color={d.color}
                    compact={narrow}
                    reason={valueBandReason(row.overhead, row.thresholds, 'lower', d.format)}
                  />
                </td>
                {trends && (
                  <td>
                    {row.trend && (
                      <Sparkline
                        timestamps={row.trend.timestamps}
                        values={row.trend.values}
                        width={columns.trend - 8}
                        height={Math.min(layout.rowHeight - 4, 32)}
                        min={0}
                        color={d.color}
                        label={`${row.name} overhead over the time range`}
                      />
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(1) }),
  heading: css({ fontSize: theme.typography.h5.fontSize, margin: theme.spacing(0.5, 0) }),
  system: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1),
    marginBottom: theme.spacing(0.5),
    lineHeight: 1.2,
    '& > div': { flex: '1 1 120px' },
  }),
  table: css({
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': { padding: theme.spacing(0.25, 0.5), textAlign: 'left', whiteSpace: 'nowrap' },
  }),
  name: css({
    fontWeight: theme.typography.fontWeightRegular,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  bar: css({}),
  value: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
  band: css({ overflow: 'hidden' }),
  total: css({ fontWeight: theme.typography.fontWeightMedium, lineHeight: 1.2 }),
  link: css({ color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
});
