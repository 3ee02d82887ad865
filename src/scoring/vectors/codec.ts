// JSON has no NaN or infinities: the vectors write them as "NaN", "+Inf" and "-Inf", and "missing" as null.

export type Encoded = number | string | null;

export function encode(v: number | null | undefined): Encoded {
  if (v === null || v === undefined) {
    return null;
  }
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (v === Infinity || v === -Infinity) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  return v;
}

export function decode(v: unknown): number | null {
  switch (v) {
    case null:
      return null;
    case 'NaN':
      return NaN;
    case '+Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default:
      if (typeof v !== 'number') {
        throw new Error(`not a vector number: ${JSON.stringify(v)}`);
      }
      return v;
  }
}

/** An output number where "no data" (null or NaN) is null. */
export const encodeOutput = (v: number | null | undefined): Encoded =>
  v === null || v === undefined || Number.isNaN(v) ? null : encode(v);

export const mapValues = <A, B>(obj: Record<string, A>, f: (a: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
