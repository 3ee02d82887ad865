import { FieldType, createDataFrame } from '@grafana/data';

import { healthScore } from '../composite';
import { defaultProfile } from '../profile/defaults';
import { compileIndicators, gridOf, scoreSeries } from '../series';
import { framesToSeries, latestByService, latestValue, seriesByService } from './index';

const t0 = 1769817600000;
const frame = (refId: string, service: string, values: Array<number | null>, step = 60000) =>
  createDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, i) => t0 + i * step) },
      { name: 'Value', type: FieldType.number, labels: { service }, values },
    ],
  });

describe('frame adapters', () => {
  const frames = [
    frame('A', 'checkout', [0.1, 0.35, null]),
    frame('A', 'search', [0.6, 0.6, 0.6]),
    frame('B', 'checkout', [0.05, 0.3, 2]),
    frame('C', 'checkout', [50, 85], 120000),
    createDataFrame({ refId: 'D', fields: [{ name: 'note', type: FieldType.string, values: ['x'] }] }),
  ];
  const byRef: Record<string, string> = { A: 'latency_p95', B: 'error_rate', C: 'cpu' };

  it('reads every numeric series with its labels and turns nulls into no data', () => {
    const series = framesToSeries(frames);
    expect(series.map((s) => [s.refId, s.labels.service])).toEqual([
      ['A', 'checkout'],
      ['A', 'search'],
      ['B', 'checkout'],
      ['C', 'checkout'],
    ]);
    expect(series[0].series.timestamps).toEqual([t0, t0 + 60000, t0 + 120000]);
    expect(series[0].series.values).toEqual([0.1, 0.35, NaN]);
  });

  it('groups by service and scores per timestamp and at the latest values', () => {
    const inputs = seriesByService(framesToSeries(frames), (s) => byRef[s.refId ?? '']);
    expect([...inputs.keys()]).toEqual(['checkout', 'search']);
    const latest = latestByService(inputs);
    // latency's last sample is null: the latest value with data is 0.35 s.
    expect(latest.get('checkout')).toEqual({ latency_p95: 0.35, error_rate: 2, cpu: 85 });
    // Error rate 2 % scores 10 and, as a key indicator, caps the score.
    expect(healthScore(defaultProfile(), latest.get('checkout')!).score).toBe(10);

    const scored = scoreSeries(
      compileIndicators(defaultProfile()),
      gridOf(t0, t0 + 120000, 60000),
      inputs.get('checkout')!
    );
    // t0: 0.1 s, 0.05 %, CPU 50 -> 100; t0+1m: 0.35 s (85), 0.3 % (85), CPU 50 held -> capped 85; t0+2m: error rate 2 % caps at 10.
    expect(Array.from(scored.score)).toEqual([100, expect.closeTo(85, 12), 10]);
  });

  it('finds the latest value with data', () => {
    expect(latestValue({ timestamps: [1, 2, 3], values: [1, NaN, Infinity] })).toBe(1);
    expect(latestValue({ timestamps: [], values: [] })).toBeNull();
  });
});
