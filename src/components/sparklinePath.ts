// A tenth of a pixel is as fine as a line can be drawn; fewer digits make a shorter path.
const tenth = (v: number) => Math.round(v * 10) / 10;

/** What a sparkline draws: the SVG path of the values scaled into the box, and the range it shows. */
export interface SparklineShape {
  path: string;
  min: number;
  max: number;
  points: number;
}

/**
 * The SVG path of a series in a width x height box (`top` pixels down), left to right from the first to the last timestamp,
 * the y axis from `min` to `max` (the data's own range when absent). A missing value (NaN) breaks the line.
 * Many points are reduced to the lowest and highest value per pixel column, so nothing spiky is hidden.
 */
export function sparklinePath(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  width: number,
  height: number,
  range: { min?: number; max?: number } = {},
  top = 0
): SparklineShape {
  const n = Math.min(timestamps.length, values.length);
  let lo = Infinity;
  let hi = -Infinity;
  let points = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v === 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      points++;
    }
  }
  const min = range.min ?? lo;
  const max = range.max ?? hi;
  if (points === 0 || n === 0) {
    return { path: '', min, max, points: 0 };
  }
  const t0 = timestamps[0];
  const span = timestamps[n - 1] - t0 || 1;
  const yScale = max > min ? height / (max - min) : 0;
  const y = (v: number) =>
    top + (yScale === 0 ? height / 2 : height - (Math.min(max, Math.max(min, v)) - min) * yScale);
  const xOf = (t: number) => ((t - t0) / span) * width;
  const parts: string[] = [];
  let drawing = false;
  let column = -1;
  let colLo = 0;
  let colHi = 0;
  const flush = () => {
    if (column < 0) {
      return;
    }
    parts.push(`${drawing ? 'L' : 'M'}${column} ${tenth(y(colLo))}`);
    if (colHi !== colLo) {
      parts.push(`L${column} ${tenth(y(colHi))}`);
    }
    drawing = true;
    column = -1;
  };
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v - v === 0)) {
      flush();
      drawing = false;
      continue;
    }
    const x = Math.round(xOf(timestamps[i]));
    if (x !== column) {
      flush();
      column = x;
      colLo = v;
      colHi = v;
    } else {
      colLo = Math.min(colLo, v);
      colHi = Math.max(colHi, v);
    }
  }
  flush();
  // A lone point draws nothing with a line: give it a dot's width.
  const path = parts.length === 1 ? `${parts[0]} h1` : parts.join('');
  return { path, min, max, points };
}
