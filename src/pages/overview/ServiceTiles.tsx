import { css } from '@emotion/css';
import React from 'react';
import type { DataQueryError, GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bandColor } from '../../components/bands';
import { HealthTile } from '../../components/health/HealthTile';
import type { GroupHealth } from '../../views/health/model';
import { tileNotices } from '../../views/health/notices';
import { dashboardUrl } from '../shared/dashboards';

const TILE = 160;

/**
 * Every service's score, worst first, each opening the operations dashboard for that service and marked with
 * its missing indicators (the queries are the profile's, refId = indicator id).
 */
export function ServiceTiles({ groups, errors }: { groups: GroupHealth[]; errors: DataQueryError[] }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const sorted = [...groups].sort(
    (a, b) => (a.health.score ?? -1) - (b.health.score ?? -1) || a.name.localeCompare(b.name)
  );
  return (
    <ul className={styles.grid} aria-label="Health by service">
      {sorted.map((g) => (
        <HealthTile
          key={g.name}
          name={g.name}
          text={g.health.score === null ? '–' : String(Number(g.health.score.toFixed(1)))}
          band={g.health.band}
          color={bandColor(theme, g.health.band)}
          trend={g.trend}
          href={dashboardUrl('operations', { service: g.name })}
          linkTitle={`Operations dashboard for ${g.name}`}
          notices={tileNotices(g, errors, (id) => id)}
          width={TILE}
        />
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    display: 'grid',
    gridTemplateColumns: `repeat(auto-fill, minmax(${TILE}px, 1fr))`,
    gap: theme.spacing(1),
    margin: 0,
    padding: 0,
  }),
});
