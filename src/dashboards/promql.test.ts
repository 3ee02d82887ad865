/** @jest-environment node */
import { promqlSyntaxError } from '../scoring';
import { presets } from '../scoring/presets/profile';
import { httpQueries } from '../scoring/presets/queries';
import type { HttpPreset } from '../scoring/presets/presetCatalogue';
import { atQuantile, groupedAlsoBy, quantileOf, serverErrorLabel, withMatcher } from './promql';

const P95 = 'histogram_quantile(0.95, sum by (job, le) (rate(x_bucket{job=~"$service"}[$__rate_interval])))';

describe('groupedAlsoBy', () => {
  it('adds the label after the service label in every by and on that names it', () => {
    expect(groupedAlsoBy(P95, 'job', 'route')).toBe(
      'histogram_quantile(0.95, sum by (job, route, le) (rate(x_bucket{job=~"$service"}[$__rate_interval])))'
    );
    expect(groupedAlsoBy('sum by(job) (a) / on (job) group_left () sum(b) by (job)', 'job', 'route')).toBe(
      'sum by(job, route) (a) / on (job, route) group_left () sum(b) by (job, route)'
    );
  });

  it('leaves other groupings, string literals and a label already there alone', () => {
    expect(groupedAlsoBy('sum by (host) (a{x="by (job)"}) + sum by (job, route) (b)', 'job', 'route')).toBe(
      'sum by (host) (a{x="by (job)"}) + sum by (job, route) (b)'
    );
  });

  it('is null for a query that does not group by the label', () => {
    expect(groupedAlsoBy('sum by (service) (a)', 'job', 'route')).toBeNull();
    expect(groupedAlsoBy('a{x="by (job)"}', 'job', 'route')).toBeNull();
  });
});

describe('quantiles', () => {
  it("reads and replaces histogram_quantile's φ", () => {
    expect(quantileOf(P95)).toBe(0.95);
    expect(quantileOf(`${P95} / 1000`)).toBe(0.95);
    expect(atQuantile(`${P95} / 1000`, 0.99)).toBe(`${P95.replace('0.95', '0.99')} / 1000`);
  });

  it('is null without one φ for all calls', () => {
    expect(quantileOf('sum(rate(x[5m]))')).toBeNull();
    expect(quantileOf(`${P95} - ${P95.replace('0.95', '0.5')}`)).toBeNull();
    expect(atQuantile('sum(rate(x[5m]))', 0.5)).toBeNull();
  });
});

describe('serverErrorLabel and withMatcher', () => {
  it("finds the label every HTTP preset's error ratio tells server errors by", () => {
    for (const preset of presets.filter((p): p is HttpPreset => p.kind === 'http')) {
      const q = httpQueries(preset, 'job', 0.2).errorRatioQuery;
      expect([preset.id, serverErrorLabel(q)]).toEqual([preset.id, preset.status.label]);
    }
    expect(serverErrorLabel('sum(rate(x{status="500"}[5m]))')).toBe('status');
    expect(serverErrorLabel('sum(rate(x{code=~"2..|5.."}[5m]))')).toBeNull();
    expect(serverErrorLabel('sum(rate(x{code!~"5.."}[5m]))')).toBeNull();
  });

  it('adds a matcher to every selector, empty braces included, and is null without braces', () => {
    const q = 'sum(rate(a{job=~"$service"}[5m])) / sum(rate(b{}[5m]))';
    const out = withMatcher(q, 'code!~"[123].."');
    expect(out).toBe('sum(rate(a{job=~"$service", code!~"[123].."}[5m])) / sum(rate(b{code!~"[123].."}[5m]))');
    expect(promqlSyntaxError(out!)).toBeNull();
    expect(withMatcher('sum(rate(a[5m]))', 'x="1"')).toBeNull();
    expect(withMatcher('a{x="}"}', 'y="1"')).toBe('a{x="}", y="1"}');
  });
});
