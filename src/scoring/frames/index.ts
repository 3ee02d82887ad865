// Grafana data frames -> scoring inputs. The only part of src/scoring that knows @grafana/data; the CLI
// and the maths never import it.
import { FieldType, type DataFrame, type Field } from '@grafana/data';

import { hasData } from '../subscore';
import type { Series } from '../series';

/** One numeric series of a query result with its labels. */
export interface LabelledSeries {
  refId: string | undefined;
  /** The field's display name (or its name). */
  name: string;
  labels: Record<string, string>;
  series: Series;
}

const toNumber = (v: unknown): number => (typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v));

/**
 * Every number field of every frame as a series over the frame's time field (ms). Handles the usual
 * Prometheus shapes: one frame per series (labels on the value field) and wide frames (several value fields).
 * Frames without a time field or without numbers are skipped.
 */
export function framesToSeries(frames: DataFrame[]): LabelledSeries[] {
  const out: LabelledSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    const timestamps = Array.from(time.values as ArrayLike<unknown>, toNumber);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      out.push({
        refId: frame.refId,
        name: field.config?.displayNameFromDS ?? field.state?.displayName ?? field.name,
        labels: { ...(field.labels ?? {}) },
        series: { timestamps, values: Array.from(field.values as ArrayLike<unknown>, toNumber) },
      });
    }
  }
  return out;
}

/**
 * Groups series into per-service indicator inputs: `indicatorFor` says which indicator a series feeds
 * (by refId, name or labels; undefined to skip it). Services come from the `service` label ("" without one).
 */
export function seriesByService(
  series: LabelledSeries[],
  indicatorFor: (s: LabelledSeries) => string | undefined,
  serviceLabel = 'service'
): Map<string, Record<string, Series>> {
  const services = new Map<string, Record<string, Series>>();
  for (const s of series) {
    const id = indicatorFor(s);
    if (id === undefined) {
      continue;
    }
    const service = s.labels[serviceLabel] ?? '';
    const inputs = services.get(service) ?? {};
    inputs[id] = s.series;
    services.set(service, inputs);
  }
  return services;
}

/** The last sample with data of a series, or null (a trailing gap does not hide an earlier value). */
export function latestValue(series: Series): number | null {
  for (let i = series.values.length - 1; i >= 0; i--) {
    if (hasData(series.values[i])) {
      return series.values[i];
    }
  }
  return null;
}

/** The latest value of every indicator per service, for healthScore(). */
export function latestByService(
  inputs: Map<string, Record<string, Series>>
): Map<string, Record<string, number | null>> {
  const out = new Map<string, Record<string, number | null>>();
  for (const [service, byId] of inputs) {
    out.set(service, Object.fromEntries(Object.entries(byId).map(([id, s]) => [id, latestValue(s)])));
  }
  return out;
}

/** A time field's values, e.g. to build a grid from a frame. */
export const fieldNumbers = (field: Field): number[] => Array.from(field.values as ArrayLike<unknown>, toNumber);
