import { css } from '@emotion/css';
import React, { useMemo } from 'react';
import { useStyles2 } from '@grafana/ui';

import { sparklinePath } from './sparklinePath';

export interface SparklineProps {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
  width: number;
  height: number;
  color: string;
  /** Fixed y range (e.g. 0..100 for a score); the data's own range otherwise. */
  min?: number;
  max?: number;
  /** What the line shows, for screen readers ("Health score over the time range"). */
  label: string;
  /** Hidden from screen readers where the text beside it already says it (a tile's trend). */
  decorative?: boolean;
}

/** A small line chart drawn as one SVG path: cheap enough for hundreds of tiles. */
export const Sparkline = React.memo(function Sparkline(props: SparklineProps) {
  const { timestamps, values, width, height, color, min, max, label, decorative } = props;
  const styles = useStyles2(getStyles);
  const shape = useMemo(
    () => sparklinePath(timestamps, values, width, height - 2, { min, max }, 1),
    [timestamps, values, width, height, min, max]
  );
  if (width <= 0 || height <= 0) {
    return null;
  }
  return (
    <svg
      width={width}
      height={height}
      data-testid="sparkline"
      {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label })}
    >
      {!decorative && <title>{label}</title>}
      {shape.path && <path d={shape.path} className={styles.line} stroke={color} />}
    </svg>
  );
});

// In a class rather than attributes: hundreds of tiles each set fewer attributes.
const getStyles = () => ({
  line: css({ fill: 'none', strokeWidth: 1.5, strokeLinejoin: 'round', vectorEffect: 'non-scaling-stroke' }),
});
