/**
 * Whether two JSON values are the same, whatever the order of their objects' keys (Grafana hands jsonData back
 * with its keys sorted). An absent key and one set to undefined are the same, as in JSON.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return Object.is(a, b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => sameJson(x[k], y[k]));
}

/**
 * Whether every field of `built` is so in `stored` too, which may hold more (Grafana adds ids, versions and
 * fields of its own): objects key by key, arrays item by item and of the same length. `same(key, b, s)` may
 * decide a field first (true or false), or leave it to this comparison (undefined).
 */
export function covers(
  built: unknown,
  stored: unknown,
  same: (key: string, built: unknown, stored: unknown) => boolean | undefined = () => undefined,
  key = ''
): boolean {
  const decided = same(key, built, stored);
  if (decided !== undefined) {
    return decided;
  }
  if (built === null || typeof built !== 'object') {
    return built === stored;
  }
  if (stored === null || typeof stored !== 'object' || Array.isArray(built) !== Array.isArray(stored)) {
    return false;
  }
  if (Array.isArray(built)) {
    const list = stored as unknown[];
    return built.length === list.length && built.every((b, i) => covers(b, list[i], same));
  }
  return Object.entries(built).every(([k, v]) => covers(v, (stored as Record<string, unknown>)[k], same, k));
}
