import { css } from '@emotion/css';
import React, { useMemo, useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';

import { HealthTile } from '../../../components/health/HealthTile';
import type { ShownValues } from '../../../views/display';
import type { GroupHealth } from '../../../views/health/model';
import { grafanaMeasure } from '../../../components/measure';
import { tileContent, tileGrid, tilePosition, tilesInView } from '../../../views/layout';
import { detailHeight, GRID_TILE } from '../data/layout';
import { Breakdown } from './Breakdown';

interface Props {
  groups: GroupHealth[];
  displays: ShownValues;
  groupBy: string;
  compact: boolean;
  showTrend: boolean;
  width: number;
  height: number;
  selected: string | null;
  onSelect: (name: string | null) => void;
  explain: (group: GroupHealth) => string;
  /** What a tile lacks: missing indicators and failed queries. */
  notices: (group: GroupHealth) => string[];
}

/**
 * One tile per service (or domain), filling the panel in rows and columns like Stat's values; below a readable
 * tile the grid scrolls and draws only the rows in view. Selecting a tile explains its score below the grid.
 */
export function HealthGrid(props: Props) {
  const { groups, displays, groupBy, compact, showTrend, width, height, selected, onSelect, explain, notices } = props;
  const styles = useStyles2(getStyles);
  const [scrollTop, setScrollTop] = useState(0);
  const open = compact ? undefined : groups.find((g) => g.name === selected);
  const gridHeight = open ? height - detailHeight(height) : height;
  const grid = useMemo(
    () => tileGrid(groups.length, width, gridHeight, compact ? GRID_TILE.compact : GRID_TILE.full),
    [groups.length, width, gridHeight, compact]
  );
  const { first, last } = tilesInView(grid, groups.length, scrollTop, gridHeight);
  // Every tile has the same box: size the text for the longest name and score, so that the tiles line up (the
  // scores of the tiles drawn and a full score, so that scrolling does not change the size).
  const content = useMemo(() => {
    const longest = (xs: string[]) => xs.reduce((a, b) => (b.length > a.length ? b : a), '');
    const name = longest(groups.map((g) => g.name || 'Health score'));
    const shown = groups.slice(first, last).map((g) => displays.get(g.name)!);
    const score = longest([...shown.map((d) => d.text), shown[0]?.format(100) ?? '']);
    const withTrend = showTrend && !compact && groups.some((g) => g.trend);
    return tileContent(name, score, grid.tileWidth, grid.tileHeight, grafanaMeasure, withTrend);
  }, [groups, displays, grid, showTrend, compact, first, last]);
  return (
    <div className={styles.container}>
      <div
        className={styles.scroller}
        style={{ height: gridHeight, overflowY: grid.scrolls ? 'auto' : 'hidden' }}
        onScroll={grid.scrolls ? (e) => setScrollTop(e.currentTarget.scrollTop) : undefined}
        // A scrolling grid is reached and scrolled by keyboard too.
        tabIndex={grid.scrolls ? 0 : undefined}
        role={grid.scrolls ? 'group' : undefined}
        aria-label={grid.scrolls ? `${groups.length} tiles, scroll for more` : undefined}
      >
        <ul
          className={styles.grid}
          style={{ height: grid.height }}
          aria-label={`Health by ${groupBy}`}
          data-tiles={groups.length}
        >
          {groups.slice(first, last).map((g, i) => {
            const d = displays.get(g.name)!;
            const at = tilePosition(grid, first + i);
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
                width={at.width}
                fit={{ ...content, height: at.height }}
                style={{ position: 'absolute', top: at.top, left: at.left, width: at.width }}
                position={grid.scrolls ? { index: first + i, of: groups.length } : undefined}
              />
            );
          })}
        </ul>
      </div>
      {open && (
        <section className={styles.detail} aria-label={`Why ${open.name} scores ${displays.get(open.name)!.text}`}>
          <IconButton
            name="times"
            tooltip="Close the explanation"
            onClick={() => onSelect(null)}
            className={styles.close}
          />
          <Breakdown health={open.health} caption={`${open.name}: ${explain(open)}`} width={width} />
        </section>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ height: '100%', display: 'flex', flexDirection: 'column' }),
  scroller: css({ flex: 'none', overflowX: 'hidden', position: 'relative' }),
  grid: css({ position: 'relative', margin: 0, padding: 0 }),
  detail: css({ position: 'relative', flex: 1, minHeight: 0, overflow: 'auto', marginTop: theme.spacing(1) }),
  close: css({ position: 'absolute', right: 0, top: theme.spacing(0.5) }),
});
