import { interpolate } from '../scoring';

// A rule has no dashboard to fill in `$service` or `$__rate_interval`, so every template variable of the
// profile's queries gets a fixed value here. The PromQL the rules compute the scores with is the library's
// (src/scoring/promql); Grafana-managed rules leave that maths to the PerfScope datasource.

/** Fills in template variables; a variable without a value is an error naming `where` (a profile field). */
export function expand(query: string, values: Record<string, string>, where: string): string {
  return interpolate(query, values, (v) => {
    throw new Error(`${where} uses ${v.text}, which rules cannot fill in (known: ${Object.keys(values).join(', ')})`);
  });
}
