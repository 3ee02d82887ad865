import { FieldType, getFieldDisplayName, type DataFrame, type Field, type Labels } from '@grafana/data';

import { gridOf, seriesStep, type Grid } from '../../../scoring';

/** One numeric series of a query result: which query, which labels, which samples. */
export interface LabelledSeries {
  refId: string;
  /** The name Grafana would show for it. */
  name: string;
  labels: Labels;
  /** Milliseconds, ascending. */
  timestamps: Float64Array;
  /** NaN where the sample is null. */
  values: Float64Array;
  field: Field;
  frame: DataFrame;
}

const toNumbers = (values: ArrayLike<unknown>, rows: number[]): Float64Array =>
  Float64Array.from(rows, (r) => {
    const v = values[r];
    return typeof v === 'number' ? v : NaN;
  });

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
    for (const [rowLabels, rows] of splitRows(frame.length, strings)) {
      const timestamps = time ? toNumbers(time.values, rows) : new Float64Array(rows.length).fill(at);
      for (const field of numbers) {
        out.push({
          refId: frame.refId ?? '',
          name: getFieldDisplayName(field, frame, frames),
          labels: { ...field.labels, ...rowLabels },
          timestamps,
          values: toNumbers(field.values, rows),
          field,
          frame,
        });
      }
    }
  }
  return out;
}

/** Rows grouped by the values of the string fields (one group of every row when there are none). */
function splitRows(length: number, strings: Field[]): Array<[Labels, number[]]> {
  const all = Array.from({ length }, (_, i) => i);
  if (strings.length === 0) {
    return [[{}, all]];
  }
  const groups = new Map<string, [Labels, number[]]>();
  for (const row of all) {
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
  let observed = Infinity;
  for (const s of series) {
    const interval = s.frame.fields.find((f) => f.type === FieldType.time)?.config.interval;
    if (interval && interval > 0) {
      declared = Math.min(declared, interval);
    }
    const own = seriesStep(s.timestamps);
    if (!Number.isNaN(own)) {
      observed = Math.min(observed, own);
    }
  }
  if (Number.isFinite(declared)) {
    return declared;
  }
  if (intervalMs && intervalMs > 0) {
    return intervalMs;
  }
  return Number.isFinite(observed) ? observed : 60_000;
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
