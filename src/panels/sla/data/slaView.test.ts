import { defaultProfile } from '../../../scoring';
import { loadExpected, loadRecording, loadScenarios } from '../../testing/load';
import { recordedPanelData } from '../../testing/recordings';
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
      'mttrTarget must be a positive duration such as "5m", "1h30m" or "7d"',
    ]);
  });
});
