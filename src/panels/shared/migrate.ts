// Helpers for the panels' migration handlers, which repair options written by hand in dashboard JSON (a
// provisioned dashboard) without losing anything: what cannot be repaired is kept for the panel to report.

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value when it is one of the allowed ones, else the fallback. */
export const oneOf = <const T extends string>(value: unknown, allowed: readonly T[], fallback: NoInfer<T>): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/** "0.5" -> 0.5 and "true" -> true; anything else unchanged. */
export function repairScalar(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** Every scalar of a (two-level) object repaired. */
export function repairNested(value: unknown): Record<string, Json> {
  if (!isObject(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      isObject(v)
        ? Object.fromEntries(Object.entries(v).map(([f, x]) => [f, repairScalar(x)]))
        : ({ value: v } as Json),
    ])
  );
}

/** A record of strings: non-strings are written as strings. */
export const stringRecord = (value: unknown): Record<string, string> =>
  isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {};
