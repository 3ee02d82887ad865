import { FieldType, createDataFrame } from '@grafana/data';

import { healthScore } from '../composite';
import { defaultProfile } from '../profile/defaults';
import { compileIndicators, gridTimestamps, scoreSeries } from '../series';
import { groupBy, numericSeries, onGrid, resultGrid, resultStep } from './index';

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
    const series = numericSeries(frames, t0);
    expect(series.map((s) => [s.refId, s.labels.service])).toEqual([
      ['A', 'checkout'],
      ['A', 'search'],
      ['B', 'checkout'],
      ['C', 'checkout'],
    ]);
    expect(Array.from(series[0].timestamps)).toEqual([t0, t0 + 60000, t0 + 120000]);
    expect(Array.from(series[0].values)).toEqual([0.1, 0.35, NaN]);
  });

  it('uses an all-number column as it is, without copying it', () => {
    const values = [1, 2, 3];
    const [s] = numericSeries([frame('A', 'x', values)], t0);
    expect(s.values).toBe(s.field.values);
  });

  it('splits a table into one series per row group and reads a frame without time as an instant', () => {
    const table = createDataFrame({
      refId: 'T',
      fields: [
        { name: 'service', type: FieldType.string, values: ['a', 'b', 'a'] },
        { name: 'Value', type: FieldType.number, values: [1, 2, 3] },
      ],
    });
    const series = numericSeries([table], t0);
    expect(series.map((s) => [s.labels.service, Array.from(s.values), Array.from(s.timestamps)])).toEqual([
      ['a', [1, 3], [t0, t0]],
      ['b', [2], [t0]],
    ]);
  });

  it('takes the declared step, else the request interval, else the finest observed one', () => {
    const declared = frame('A', 'x', [1, 2]);
    declared.fields[0].config.interval = 30000;
    expect(resultStep(numericSeries([declared], t0))).toBe(30000);
    expect(resultStep(numericSeries(frames, t0), 15000)).toBe(15000);
    expect(resultStep(numericSeries(frames, t0))).toBe(60000);
    expect(resultStep([])).toBe(60000);
  });

  it('groups by service and scores per timestamp on the shared grid', () => {
    const series = numericSeries(frames, t0);
    const grid = resultGrid(series)!;
    expect([grid.start, grid.step, grid.length]).toEqual([t0, 60000, 3]);
    const checkout = groupBy(series, 'service').get('checkout')!;
    expect([...groupBy(series, 'service').keys()]).toEqual(['checkout', 'search']);
    const inputs = Object.fromEntries(
      checkout.map((s) => [byRef[s.refId], { timestamps: gridTimestamps(grid), values: onGrid(s, grid) }])
    );
    // On the grid already: the values pass through untouched; CPU at a 2m step is aligned by the library.
    expect(onGrid(checkout[0], grid)).toBe(checkout[0].values);
    expect(Array.from(onGrid(checkout[2], grid))).toEqual([50, 50, 85]);

    const scored = scoreSeries(compileIndicators(defaultProfile()), grid, inputs);
    // t0: 0.1 s, 0.05 %, CPU 50 -> 100; t0+1m: 0.35 s (85), 0.3 % (85), CPU 50 held -> capped 85; t0+2m: 2 % caps at 10.
    expect(Array.from(scored.score)).toEqual([100, expect.closeTo(85, 12), 10]);
    expect(healthScore(defaultProfile(), { latency_p95: 0.35, error_rate: 2, cpu: 85 }).score).toBe(10);
  });
});
