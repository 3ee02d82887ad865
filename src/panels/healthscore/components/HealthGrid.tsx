import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';

import { HealthTile } from '../../../components/health/HealthTile';
import type { ShownValue } from '../../../views/display';
import type { GroupHealth } from '../../../views/health/model';
import { Breakdown } from './Breakdown';

interface Props {
  groups: GroupHealth[];
  displays: Map<string, ShownValue>;
  groupBy: string;
  compact: boolean;
  showTrend: boolean;
  width: number;
  selected: string | null;
  onSelect: (name: string | null) => void;
  explain: (group: GroupHealth) => string;
  /** What a tile lacks: missing indicators and failed queries. */
  notices: (group: GroupHealth) => string[];
}

const TILE = { min: 132, compact: 96, gap: 8 };

/** One tile per service (or domain); selecting a tile explains its score below the grid. */
export function HealthGrid(props: Props) {
  const { groups, displays, groupBy, compact, showTrend, width, selected, onSelect, explain, notices } = props;
  const styles = useStyles2(getStyles);
  const min = compact ? TILE.compact : TILE.min;
  const columns = Math.max(1, Math.floor((width + TILE.gap) / (min + TILE.gap)));
  const tileWidth = (width - (columns - 1) * TILE.gap) / columns;
  const open = groups.find((g) => g.name === selected);
  return (
    <div className={styles.container}>
      <ul
        className={styles.grid}
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
        aria-label={`Health by ${groupBy}`}
      >
        {groups.map((g) => {
          const d = displays.get(g.name)!;
          return (
            <HealthTile
              key={g.name}
              name={g.name}
              text={d.text}
              band={g.health.band}
              color={d.color}
              trend={showTrend ? g.trend : null}
              compact={compact}
              selected={g.name === selected}
              onSelect={() => onSelect(g.name === selected ? null : g.name)}
              href={d.href}
              linkTitle={d.linkTitle}
              notices={notices(g)}
              width={tileWidth}
            />
          );
        })}
      </ul>
      {open && !compact && (
        <section className={styles.detail} aria-label={`Why ${open.name} scores ${displays.get(open.name)!.text}`}>
          <IconButton
            name="times"
            tooltip="Close the explanation"
            onClick={() => onSelect(null)}
            className={styles.close}
          />
          <Breakdown health={open.health} caption={`${open.name}: ${explain(open)}`} />
        </section>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ height: '100%', overflow: 'auto' }),
  grid: css({ display: 'grid', gap: TILE.gap, margin: 0, padding: 0 }),
  detail: css({ position: 'relative', marginTop: theme.spacing(1) }),
  close: css({ position: 'absolute', right: 0, top: theme.spacing(0.5) }),
});
