import { dateTime, FieldType, LoadingState, toDataFrame, type PanelData } from '@grafana/data';

import { defaultProfile } from '../../../scoring';
import { loadExpected, loadRecording, loadScenarios } from '../../../testing/load';
import { recordedPanelData } from '../../../testing/recordings';
import { panelSla } from './panelSla';
import { slaView } from './slaView';

const profile = defaultProfile();
const errorRate = profile.indicators.find((i) => i.id === 'error_rate');
const scenarios = loadScenarios();
const measured = loadExpected().scenarios;

describe.each(['sla.prometheus', 'sla.perfscope'] as const)('%s recorded from the fixture Prometheus', (name) => {
  const view = slaView(recordedPanelData(loadRecording(name)), profile.sla, errorRate, { queries: {} });

  it.each(Object.keys(scenarios))(
    '%s: availability, budget, burn rates and tiers as the scenario expects',
    (service) => {
      const expected = scenarios[service].sla;
      const s = view.services.find((x) => x.service === service)!;
      expect(s.report.availability).toBeCloseTo(expected.availability, 9);
      expect(s.report.budgetRemaining).toBeCloseTo(expected.budgetRemaining, 9);
      for (const [window, rate] of Object.entries(expected.burnRates as Record<string, number>)) {
        expect([window, s.report.burnRates[window]]).toEqual([window, expect.closeTo(rate, 9)]);
      }
      expect(s.report.tiers.filter((t) => t.firing).map((t) => t.name)).toEqual(expected.tiersFiring);
      expect(s.report.tiers.map((t) => t.factor)).toEqual([14.4, 6, 3, 1].map((f) => expect.closeTo(f, 9)));
      expect(s.latencyCompliance).toBeCloseTo(measured[service].values.latencyCompliance['30d'], 9);
    }
  );

  it('burns the budget down to what remains at the end of the range', () => {
    for (const s of view.services) {
      const values = s.burnDown!.values;
      expect(values.length).toBe(721);
      expect(values[values.length - 1]).toBeCloseTo(s.report.budgetRemaining!, 9);
    }
  });
});

describe('MTTR of the incident scenario (error rate above its critical threshold)', () => {
  const breaches = measured.incident.values.breaches['error_rate > 1'];
  it.each(['sla.prometheus', 'sla.perfscope'] as const)('from %s', (name) => {
    const view = slaView(recordedPanelData(loadRecording(name)), profile.sla, errorRate, { queries: {} });
    const { mttr } = view.services.find((s) => s.service === 'incident')!;
    expect(mttr!.resolved.map((b) => [b.start / 1000, b.end / 1000])).toEqual(
      breaches.resolved.map((b: { start: number; end: number }) => [b.start, b.end])
    );
    expect(mttr!.open!.start / 1000).toBe(breaches.open);
    expect(mttr!.mttr).toBe(900e3);
    expect(view.services.find((s) => s.service === 'healthy')!.mttr).toEqual({ resolved: [], open: null, mttr: null });
  });
});

it('keeps a calendar-month history from the request and error rates', () => {
  const view = slaView(recordedPanelData(loadRecording('sla-30d.prometheus')), profile.sla, errorRate, { queries: {} });
  const history = (service: string) => view.services.find((s) => s.service === service)!.history;
  expect(history('healthy')).toEqual([
    { month: '2026-01', availability: expect.closeTo(99.95, 9), compliant: true, partial: true },
  ]);
  expect(history('degraded')).toEqual([
    { month: '2026-01', availability: expect.closeTo(99.75, 9), compliant: false, partial: true },
  ]);
});

it('adds the history from rate queries to the PerfScope datasource frames beside them', () => {
  const perfscope = recordedPanelData(loadRecording('sla.perfscope'));
  const rates = recordedPanelData(loadRecording('sla.prometheus'), ['errors', 'requests']);
  const view = slaView({ ...perfscope, series: [...perfscope.series, ...rates.series] }, profile.sla, errorRate, {
    queries: {},
  });
  expect(view.source).toBe('perfscope');
  expect(view.services.find((s) => s.service === 'degraded')!.history[0].availability).toBeCloseTo(99.75, 9);
});

it("takes the error rate from the period query's ratio at the requests' window when there is no errors query", () => {
  const t0 = Date.parse('2026-01-30T00:00:00Z');
  const step = 30 * 60e3;
  const n = 48;
  const frame = (refId: string, labels: Record<string, string>, value: (i: number) => number) =>
    toDataFrame({
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: Array.from({ length: n }, (_, i) => t0 + i * step) },
        { name: 'Value', type: FieldType.number, labels, values: Array.from({ length: n }, (_, i) => value(i)) },
      ],
    });
  const ratio30m = (i: number) => (i >= 10 && i < 14 ? 0.03 : 0.0004);
  const perSecond = (i: number) => 20 + (i % 5);
  const common = [
    frame('windows', { service: 'api', window: '30d' }, () => 0.0006),
    frame('period', { service: 'api', window: '30d' }, (i) => 0.0005 + i * 1e-6),
    frame('requests', { service: 'api', window: '30m' }, perSecond),
  ];
  const data = (series: PanelData['series']): PanelData => ({
    state: LoadingState.Done,
    series,
    timeRange: { from: dateTime(t0), to: dateTime(t0 + (n - 1) * step), raw: { from: '', to: '' } },
  });
  const folded = slaView(
    data([...common, frame('period', { service: 'api', window: '30m' }, ratio30m)]),
    profile.sla,
    errorRate,
    { queries: {} }
  );
  const apart = slaView(
    data([...common, frame('errors', { service: 'api' }, (i) => ratio30m(i) * perSecond(i))]),
    profile.sla,
    errorRate,
    { queries: {} }
  );
  const [a, b] = [folded.services[0], apart.services[0]];
  expect(folded.services).toHaveLength(1);
  expect(a.mttr).toEqual(b.mttr);
  expect(a.mttr!.resolved.map((x) => [x.start - t0, x.end - t0])).toEqual([[10 * step, 13 * step]]); // from the first breached step to the last
  expect(a.history).toEqual(b.history);
  expect(a.history).toHaveLength(1);
  expect(Array.from(a.burnDown!.values)).toEqual(Array.from(b.burnDown!.values));
  expect(a.report.budgetRemaining).toBeCloseTo(0.4, 9);
});

it('names a windows series without its window label', () => {
  const data = recordedPanelData(loadRecording('sla.prometheus'), ['windows']);
  const unlabelled = data.series.slice(0, 1).map((f) => ({
    ...f,
    fields: f.fields.map((x) => ({ ...x, labels: x.labels ? { service: x.labels.service } : undefined })),
  }));
  const view = slaView({ ...data, series: unlabelled }, profile.sla, errorRate, { queries: {} });
  expect(view.problems).toEqual([
    'Query windows: a series without a window label (label each error ratio with its window)',
  ]);
});

describe('panelSla', () => {
  it("applies the panel's target and period", () => {
    const { sla, problems } = panelSla(profile, { target: 99.5, period: 'month' });
    expect(problems).toEqual([]);
    expect([sla!.target, sla!.period, sla!.mttrTarget]).toEqual([99.5, 'month', '5m']);
  });

  it('names the field of a bad override', () => {
    expect(panelSla(profile, { target: 100, mttrTarget: 'soon' }).problems).toEqual([
      'target must be greater than 0 and less than 100',
      'mttrTarget must be a positive duration such as "5m", "1h30m" or "7d", at most 10y',
    ]);
  });
});

describe('a calendar-month period', () => {
  const month = { ...profile.sla, period: 'month' };
  const HOUR = 3600e3;
  const at = (data: PanelData, from: string) => ({
    ...data,
    timeRange: { ...data.timeRange, from: dateTime(from), raw: { ...data.timeRange.raw, from: dateTime(from) } },
  });

  /** Hourly rates of one service over [from, to]: `ratio(t)` of 100 requests per second fail. */
  function rates(from: string, to: string, ratio: (t: number) => number): PanelData {
    const times: number[] = [];
    for (let t = Date.parse(from); t <= Date.parse(to); t += HOUR) {
      times.push(t);
    }
    const frame = (refId: string, values: number[]) =>
      toDataFrame({
        refId,
        fields: [
          { name: 'Time', type: FieldType.time, values: times, config: { interval: HOUR } },
          { name: 'Value', type: FieldType.number, labels: { service: 'checkout' }, values },
        ],
      });
    // What a fixed 30-day window says at every timestamp: a month's ratio only at one of them, if any.
    const fixedWindow = times.map(() => 0.0005);
    const series = [
      frame(
        'errors',
        times.map((t) => 100 * ratio(t))
      ),
      frame(
        'requests',
        times.map(() => 100)
      ),
      frame('period', fixedWindow),
    ];
    const range = { from: dateTime(from), to: dateTime(to) };
    return { state: LoadingState.Done, series, timeRange: { ...range, raw: range } };
  }

  it("measures the budget at each time from the start of that time's month, not over one fixed window", () => {
    const data = rates('2026-01-20T00:00:00Z', '2026-02-10T00:00:00Z', (t) =>
      t < Date.parse('2026-02-01T00:00:00Z') ? 0.0005 : t < Date.parse('2026-02-05T00:00:00Z') ? 0.002 : 0
    );
    const view = slaView(data, month, errorRate, { queries: {} });
    const { timestamps, values } = view.services[0].burnDown!;
    const budgetAt = (iso: string) => values[Array.from(timestamps).indexOf(Date.parse(iso))];
    // January began before the time range: its budget is not known, so it is not drawn.
    expect(budgetAt('2026-01-20T00:00:00Z')).toBeNaN();
    expect(budgetAt('2026-01-31T23:00:00Z')).toBeNaN();
    // February from its 1st: twice the allowed 0.1 % errors for four days, then none.
    expect(budgetAt('2026-02-01T00:00:00Z')).toBeCloseTo(-1, 9);
    expect(budgetAt('2026-02-04T23:00:00Z')).toBeCloseTo(-1, 9);
    const failing = 4 * 24;
    const hours = (iso: string) => (Date.parse(iso) - Date.parse('2026-02-01T00:00:00Z')) / HOUR + 1;
    expect(budgetAt('2026-02-10T00:00:00Z')).toBeCloseTo(
      1 - (0.002 * failing) / hours('2026-02-10T00:00:00Z') / 0.001,
      9
    );
    expect(view.problems).toEqual(['Budget burn-down from 2026-02-01: the month before began before the time range']);
  });

  it('ends each month of the recording where the monthly history ends it, and agrees with the raw rates on the way', () => {
    const data = recordedPanelData(loadRecording('sla-30d.prometheus'));
    const view = slaView(data, month, errorRate, { queries: {} });
    expect(view.problems).toEqual([]);
    const series = (refId: string, service: string) =>
      data.series.find((f) => f.refId === refId && f.fields[1].labels?.service === service)!;
    for (const s of view.services) {
      const { timestamps, values } = s.burnDown!;
      const [{ availability }] = s.history;
      expect([s.service, values[values.length - 1]]).toEqual([
        s.service,
        expect.closeTo(1 - (100 - availability!) / 100 / 0.001, 9),
      ]);
      const errors = series('errors', s.service).fields[1].values;
      const requests = series('requests', s.service).fields[1].values;
      const k = Array.from(timestamps).indexOf(Date.parse('2026-01-15T00:00:00Z'));
      const sum = (v: number[]) => v.slice(0, k + 1).reduce((a, b) => a + b, 0);
      expect([s.service, values[k]]).toEqual([s.service, expect.closeTo(1 - sum(errors) / sum(requests) / 0.001, 9)]);
    }
  });

  it('draws no burn-down, and says why, when the time range starts after the month began', () => {
    const data = recordedPanelData(loadRecording('sla-30d.prometheus'));
    const view = slaView(at(data, '2026-01-01T01:00:00Z'), month, errorRate, { queries: {} });
    expect(view.services.map((s) => s.burnDown)).toEqual(view.services.map(() => null));
    expect(view.problems).toEqual([
      "No budget burn-down: a calendar month's is measured from its 1st, and the time range (from 2026-01-01) starts after it",
    ]);
    // Availability and budget now come from the period's error ratio as before.
    expect(view.services.every((s) => s.report.budgetRemaining !== null)).toBe(true);
  });

  it('takes the burn-down from the rates beside the PerfScope datasource frames, whose budget has one window', () => {
    const perfscope = recordedPanelData(loadRecording('sla.perfscope'));
    const withRates = recordedPanelData(loadRecording('sla-30d.prometheus'), ['errors', 'requests']);
    const view = slaView({ ...withRates, series: [...perfscope.series, ...withRates.series] }, month, errorRate, {
      queries: {},
    });
    expect(view.source).toBe('perfscope');
    const raw = slaView(recordedPanelData(loadRecording('sla-30d.prometheus')), month, errorRate, { queries: {} });
    for (const s of view.services) {
      const same = raw.services.find((r) => r.service === s.service)!.burnDown!;
      expect([s.service, Array.from(s.burnDown!.values)]).toEqual([s.service, Array.from(same.values)]);
    }
    const alone = slaView(perfscope, month, errorRate, { queries: {} });
    expect(alone.services.every((s) => s.burnDown === null)).toBe(true);
    expect(alone.problems).toEqual([
      "No budget burn-down: a calendar month's is measured from the request and error rates queries",
    ]);
  });
});
