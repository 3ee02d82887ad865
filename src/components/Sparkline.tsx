import React, { useMemo } from 'react';

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
}

/** A small line chart drawn as one SVG path: cheap enough for hundreds of tiles. */
export const Sparkline = React.memo(function Sparkline(props: SparklineProps) {
  const { timestamps, values, width, height, color, min, max, label } = props;
  const shape = useMemo(
    () => sparklinePath(timestamps, values, width, height - 2, { min, max }),
    [timestamps, values, width, height, min, max]
  );
  if (width <= 0 || height <= 0) {
    return null;
  }
  return (
    <svg width={width} height={height} role="img" aria-label={label} data-testid="sparkline">
      <title>{label}</title>
      {shape.path && (
        <path
          d={shape.path}
          transform="translate(0 1)"
          fill="none"
          stroke={color}
          strokeWidth={1.5}
          strokeLinejoin="round"
          vectorEffect="non-scaling-stroke"
        />
      )}
    </svg>
  );
});
