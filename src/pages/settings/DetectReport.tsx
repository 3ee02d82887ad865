import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Collapse, useStyles2 } from '@grafana/ui';

import type { Discovery } from '../../discovery/discover';
import type { Profile } from '../../scoring';
import { presetById } from '../../scoring/presets/profile';
import { CoverageTable, reportTable } from './CoverageTable';

const presetName = (id: string | null) => (id ? `${presetById(id)?.name ?? id} (${id})` : 'none recognised');
const seconds = (b: number) => `${b} s`;

/** How the SLA's latency threshold meets the histogram's buckets, in words. */
function latencyFit(latency: NonNullable<Discovery['latency']>): string {
  const fit = {
    exact: `is a bucket bound (${seconds(latency.bounds[0])}): compliance is counted exactly`,
    interpolated: `lies between the bucket bounds ${latency.bounds.map(seconds).join(' and ')}: compliance is interpolated linearly, as histogram_quantile does`,
    'below-bound': `is above the last bucket bound: compliance is measured at ${seconds(latency.bounds[0])}`,
  }[latency.fit];
  const unit = latency.unit === 'ms' ? 'in milliseconds, scored in seconds' : 'in seconds';
  return `The threshold ${fit} (${latency.metric} is ${unit}).`;
}

/** What detection recognised, each service's coverage, the presets it tried and its notes. */
export function DetectReport({ discovery, base }: { discovery: Discovery; base: Profile }) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(true);
  const d = discovery;
  const indicators = (d.profile ?? base).indicators;
  return (
    <Collapse label="Detection report" isOpen={open} onToggle={setOpen}>
      <dl className={styles.summary}>
        <dt>HTTP metrics</dt>
        <dd>{presetName(d.http)}</dd>
        <dt>CPU and memory</dt>
        <dd>
          {d.resources
            ? presetName(d.resources)
            : d.candidates.some((c) => c.preset === 'profile' && c.fits)
              ? "the profile's own queries"
              : 'none recognised'}
        </dd>
        {d.serviceLabel && (
          <>
            <dt>Services</dt>
            <dd>
              {d.services.length} named by the label &quot;{d.serviceLabel}&quot;
              {d.unlabelledSeries > 0 &&
                `; ${d.unlabelledSeries} series of ${d.latency?.metric ?? 'the HTTP metric'} have no "${d.serviceLabel}" label and are in no service's score`}
            </dd>
          </>
        )}
        {d.latency && (
          <>
            <dt>Latency SLO threshold</dt>
            <dd>{latencyFit(d.latency)}</dd>
          </>
        )}
      </dl>
      {d.services.length > 0 && <CoverageTable discovery={d} indicators={indicators} />}
      <table className={styles.table}>
        <caption>Presets tried</caption>
        <thead>
          <tr>
            <th scope="col">Preset</th>
            <th scope="col">Fits</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {d.candidates.map((c) => (
            <tr key={c.preset}>
              <th scope="row">{c.preset}</th>
              <td>{c.fits ? 'yes' : 'no'}</td>
              <td>{c.why}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.notes.length > 0 && (
        <ul aria-label="Notes">
          {d.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </Collapse>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  summary: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(0.5, 2),
    dt: { fontWeight: theme.typography.fontWeightMedium },
    dd: { margin: 0 },
  }),
  table: reportTable(theme),
});
