// Grafana data frames -> scoring inputs. The only part of src/scoring that knows @grafana/data; the CLI and
// the maths never import it. The panels, the pages and the settings preview read every query result through it.
import { FieldType, type DataFrame, type Field, type Labels } from '@grafana/data';

import { alignSeries, gridOf, seriesStep, type Grid } from '../series';

/** One numeric series of a query result: which query, which labels, which samples. */
export interface LabelledSeries {
  refId: string;
  /** Its name as the query set it: the display name or legend, else the frame's or the field's name. */
  name: string;
  labels: Labels;
  /** Milliseconds, ascending. */
  timestamps: ArrayLike<number>;
  /** NaN where the sample is null. */
  values: ArrayLike<number>;
  field: Field;
  frame: DataFrame;
}

/**
 * A numeric column (of the given rows, or all): null and non-numbers become NaN (no data). A whole array of
 * numbers, the usual case, is used as it is: a thousand series are read without copying them.
 */
function column(values: ArrayLike<unknown>, rows: number[] | null, length: number): ArrayLike<number> {
  if (!rows && values.length === length && (values instanceof Float64Array || allNumbers(values))) {
    return values as ArrayLike<number>;
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[rows ? rows[i] : i];
    out[i] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

function allNumbers(values: ArrayLike<unknown>): boolean {
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number') {
      return false;
    }
  }
  return true;
}

/**
 * Every numeric field of the frames as a series. A frame with string fields (a table, e.g. Prometheus'
 * table format) is split into one series per distinct row of its string fields, which become labels. A
 * frame without a time field is read as samples at `at` (an instant result).
 */
export function numericSeries(frames: DataFrame[], at: number): LabelledSeries[] {
  const out: LabelledSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const strings = frame.fields.filter((f) => f.type === FieldType.string);
    const numbers = frame.fields.filter((f) => f.type === FieldType.number);
    if (numbers.length === 0) {
      continue;
    }
    const groups: Array<[Labels, number[] | null]> =
      strings.length === 0 ? [[{}, null]] : splitRows(frame.length, strings);
    for (const [rowLabels, rows] of groups) {
      const n = rows ? rows.length : frame.length;
      const timestamps = time ? column(time.values, rows, n) : new Float64Array(n).fill(at);
      for (const field of numbers) {
        out.push({
          refId: frame.refId ?? '',
          // Not getFieldDisplayName: it compares every frame with every other (slow for a thousand series).
          name: field.config.displayName || field.config.displayNameFromDS || frame.name || field.name,
          labels: strings.length === 0 ? (field.labels ?? {}) : { ...field.labels, ...rowLabels },
          timestamps,
          values: column(field.values, rows, n),
          field,
          frame,
        });
      }
    }
  }
  return out;
}

/** Rows grouped by the values of the string fields. */
function splitRows(length: number, strings: Field[]): Array<[Labels, number[]]> {
  const groups = new Map<string, [Labels, number[]]>();
  for (let row = 0; row < length; row++) {
    const labels: Labels = {};
    for (const f of strings) {
      labels[f.name] = String(f.values[row] ?? '');
    }
    const key = JSON.stringify(labels);
    const group = groups.get(key) ?? [labels, []];
    group[1].push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The step of a query result: the step the datasource declares on its time fields (Prometheus does), else the
 * request's interval, else the finest step between samples; one minute for lone samples.
 */
export function resultStep(series: LabelledSeries[], intervalMs?: number): number {
  let declared = Infinity;
  for (const s of series) {
    const interval = s.frame.fields.find((f) => f.type === FieldType.time)?.config.interval;
    if (interval && interval > 0) {
      declared = Math.min(declared, interval);
    }
  }
  if (Number.isFinite(declared)) {
    return declared;
  }
  if (intervalMs && intervalMs > 0) {
    return intervalMs;
  }
  let observed = Infinity;
  for (const s of series) {
    const own = seriesStep(s.timestamps);
    if (!Number.isNaN(own)) {
      observed = Math.min(observed, own);
    }
  }
  return Number.isFinite(observed) ? observed : 60_000;
}

/**
 * The series' values at the grid's timestamps: as they are when the series lies exactly on the grid (the
 * usual case: every query of a panel shares its step), else aligned by the library.
 */
export function onGrid(series: LabelledSeries, grid: Grid): ArrayLike<number> {
  const t = series.timestamps;
  const n = t.length;
  if (n === grid.length && t[0] === grid.start && t[n - 1] === grid.start + (n - 1) * grid.step) {
    let regular = true;
    for (let i = 1; i < n && regular; i++) {
      regular = t[i] - t[i - 1] === grid.step;
    }
    if (regular) {
      return series.values;
    }
  }
  return alignSeries(series, grid);
}

/** The grid the series share: from the earliest to the latest sample at the result's step; null when empty. */
export function resultGrid(series: LabelledSeries[], intervalMs?: number): Grid | null {
  let start = Infinity;
  let end = -Infinity;
  for (const s of series) {
    if (s.timestamps.length > 0) {
      start = Math.min(start, s.timestamps[0]);
      end = Math.max(end, s.timestamps[s.timestamps.length - 1]);
    }
  }
  return Number.isFinite(start) ? gridOf(start, end, resultStep(series, intervalMs)) : null;
}

/** Series grouped by the value of a label ("" when a series lacks it), in first-seen order. */
export function groupBy(series: LabelledSeries[], label: string): Map<string, LabelledSeries[]> {
  const groups = new Map<string, LabelledSeries[]>();
  for (const s of series) {
    const key = s.labels[label] ?? '';
    const group = groups.get(key);
    if (group) {
      group.push(s);
    } else {
      groups.set(key, [s]);
    }
  }
  return groups;
}
