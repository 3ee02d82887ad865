import { css } from '@emotion/css';
import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DataQueryError, GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bandColor } from '../../components/bands';
import { HealthTile } from '../../components/health/HealthTile';
import type { GroupHealth } from '../../views/health/model';
import { tileNotices } from '../../views/health/notices';
import { tilesInView, type TileGrid } from '../../views/layout';
import { dashboardUrl } from '../shared/dashboards';

const TILE = 160;
/** Each tile's height and the gap between tiles: every row is as high, so the rows in view are known. */
const ROW = 96;
const GAP = 8;
/** Above this the grid scrolls in its own box and draws only the rows in view (tilesInView: and 2 either side). */
const VIEW = 640;

/**
 * Every service's score, worst first, each opening the operations dashboard for that service and marked with
 * its missing indicators (the queries are the profile's, refId = indicator id). A fleet too large for the view
 * scrolls in its own box, which draws only the rows in view.
 */
export function ServiceTiles({ groups, errors }: { groups: GroupHealth[]; errors: DataQueryError[] }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const box = useRef<HTMLDivElement>(null);
  // null until measured (before the first paint): nothing is drawn at an unknown width. Without a layout
  // engine (jsdom) the width is 0.
  const [width, setWidth] = useState<number | null>(() => (typeof ResizeObserver === 'undefined' ? 0 : null));
  const [scrollTop, setScrollTop] = useState(0);
  useLayoutEffect(() => {
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    // Told after the browser's own layout: no layout forced here (it would cost the whole page's).
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(box.current!);
    return () => observer.disconnect();
  }, []);
  const sorted = useMemo(
    () => [...groups].sort((a, b) => (a.health.score ?? -1) - (b.health.score ?? -1) || a.name.localeCompare(b.name)),
    [groups]
  );
  // Without a layout (a width of 0, as in jsdom) every tile is drawn in one column's worth of rows.
  const columns = width ? Math.max(1, Math.floor((width + GAP) / (TILE + GAP))) : 1;
  const rows = Math.ceil(sorted.length / columns);
  const pitch = ROW + GAP;
  const height = rows * pitch - GAP;
  const scrolls = !!width && height > VIEW;
  const grid: TileGrid = { columns, rows, tileWidth: TILE, tileHeight: ROW, gap: GAP, scrolls, height };
  const { first, last } = tilesInView(grid, sorted.length, scrollTop, VIEW);
  const shown = width === null ? [] : sorted.slice(first, last);
  return (
    <div
      ref={box}
      className={styles.box}
      style={{ maxHeight: scrolls ? VIEW : undefined, overflowY: scrolls ? 'auto' : undefined }}
      onScroll={scrolls ? (e) => setScrollTop(e.currentTarget.scrollTop) : undefined}
      // A scrolling grid is reached and scrolled by keyboard too.
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls ? 'group' : undefined}
      aria-label={scrolls ? `${sorted.length} services, scroll for more` : undefined}
    >
      <ul
        className={styles.grid}
        style={{
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          paddingTop: (first / columns) * pitch,
          paddingBottom: (rows - Math.ceil(last / columns)) * pitch,
        }}
        aria-label="Health by service"
        data-tiles={sorted.length}
      >
        {shown.map((g) => (
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
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({ overflowX: 'hidden' }),
  grid: css({
    display: 'grid',
    gridAutoRows: ROW,
    gap: GAP,
    margin: 0,
    paddingLeft: 0,
    paddingRight: 0,
  }),
});
