// The demo's scenarios: the same numbers as the fixture scenarios of the same name, and latency mixes that put
// Prometheus' p95 exactly where the scenario says.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULTS } from '../../demo/workload/config';
import { LATENCY_BUCKETS, latencyMix } from '../../demo/workload/latency';
import { conditionsAt, SCENARIOS, type Conditions } from '../../demo/workload/scenarios';

/** histogram_quantile as Prometheus computes it over cumulative buckets (upper bounds, counts). */
function histogramQuantile(q: number, bounds: number[], cumulative: number[]): number {
  const rank = q * cumulative[cumulative.length - 1];
  const b = cumulative.findIndex((c) => c >= rank);
  const lower = b === 0 ? 0 : bounds[b - 1];
  const below = b === 0 ? 0 : cumulative[b - 1];
  return lower + ((bounds[b] - lower) * (rank - below)) / (cumulative[b] - below);
}

describe('latencyMix', () => {
  const bounds = [...LATENCY_BUCKETS, Infinity];
  const cumulativeOf = (p95: number, mean: number) => {
    const mix = latencyMix(p95, mean);
    return bounds.map((le) => mix.filter((c) => c.seconds <= le).reduce((a, c) => a + c.share, 0));
  };

  it('puts histogram_quantile(0.95) on every p95 in (0.05, 5] s, bucket bounds included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: 0.0501, max: 5, noNaN: true }), fc.constantFrom(...LATENCY_BUCKETS.slice(1))),
        fc.double({ min: 0.001, max: 3, noNaN: true }),
        (p95, mean) => {
          const mix = latencyMix(p95, mean);
          expect(mix.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 12);
          expect(mix.every((c) => c.share > 0 && c.seconds > 0)).toBe(true);
          expect(histogramQuantile(0.95, bounds, cumulativeOf(p95, mean))).toBeCloseTo(p95, 9);
        }
      )
    );
  });

  it('reaches the mean of every demo scenario exactly', () => {
    for (const name of SCENARIOS) {
      for (const secondsIn of [0, 300, 1e9]) {
        const c = conditionsAt(name, secondsIn, 600);
        const mix = latencyMix(c.latencyP95, c.latencyMean);
        expect(mix.reduce((a, k) => a + k.share * k.seconds, 0)).toBeCloseTo(c.latencyMean, 12);
      }
    }
  });

  it('refuses a p95 the buckets cannot express', () => {
    expect(() => latencyMix(0.01, 0.005)).toThrow('latency p95 0.01 s must lie in (0.05, 5] s');
    expect(() => latencyMix(7, 1)).toThrow(RangeError);
  });
});

describe('the scenarios the fixtures share', () => {
  // The state a fixture scenario ends in: its phases applied in order.
  const finalPhase = (name: string): Record<string, unknown> => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../testdata/scenarios', `${name}.json`), 'utf8'));
    return Object.assign({}, ...file.phases);
  };

  it.each(SCENARIOS.filter((s) => s !== 'leak'))('%s uses the numbers of the fixture scenario of that name', (name) => {
    const fixture = finalPhase(name);
    const demo = conditionsAt(name, 0, 1);
    const shared = Object.keys(demo).filter((k) => k in fixture) as Array<keyof Conditions>;
    expect(shared).toEqual(
      expect.arrayContaining([
        'latencyP95',
        'errorPercent',
        'cpuPercent',
        'memoryPercent',
        'domainSharePercent',
        'domainErrorPercent',
      ])
    );
    expect(Object.fromEntries(shared.map((k) => [k, demo[k]]))).toEqual(
      Object.fromEntries(shared.map((k) => [k, fixture[k]]))
    );
    expect(fixture.requestsPerSecond).toBe(DEFAULTS.requestsPerSecond);
  });
});
