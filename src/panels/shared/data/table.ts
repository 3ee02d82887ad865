import type { DataFrame, Field } from '@grafana/data';

/** A frame's columns by field name, for frames the PerfScope datasource writes with fixed field names. */
export interface Table {
  length: number;
  has(name: string): boolean;
  string(name: string, row: number): string;
  /** NaN for null or a missing column. */
  number(name: string, row: number): number;
  boolean(name: string, row: number): boolean;
}

export function table(frame: DataFrame): Table {
  const byName = new Map<string, Field>(frame.fields.map((f) => [f.name, f]));
  const value = (name: string, row: number): unknown => byName.get(name)?.values[row];
  return {
    length: frame.length,
    has: (name) => byName.has(name),
    string: (name, row) => String(value(name, row) ?? ''),
    number: (name, row) => {
      const v = value(name, row);
      return typeof v === 'number' ? v : NaN;
    },
    boolean: (name, row) => value(name, row) === true,
  };
}

/** The frame with this name whose fields include all of `fields`. */
export function findTable(frames: DataFrame[], name: string, fields: string[]): Table | null {
  const frame = frames.find((f) => f.name === name && fields.every((n) => f.fields.some((x) => x.name === n)));
  return frame ? table(frame) : null;
}
