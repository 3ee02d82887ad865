import { FieldType, LoadingState, toDataFrame } from '@grafana/data';

import { defaultProfile } from '../../../scoring';
import { loadRecording, loadScenarios } from '../../../testing/load';
import { recordedPanelData, recordingTimeRange } from '../../../testing/recordings';
import { overheadView } from './overheadView';
import { panelSettings } from './panelSettings';

const profile = defaultProfile();
const scenarios = loadScenarios();
const share = profile.domains;

describe.each(['domainoverhead.prometheus', 'domainoverhead.perfscope'] as const)('%s, share mode', (name) => {
  const view = overheadView(recordedPanelData(loadRecording(name)), share, { queries: {} });

  it.each(Object.keys(scenarios))('%s: each domain and the system total as the scenario expects', (service) => {
    const expected = scenarios[service];
    const s = view.services.find((x) => x.service === service)!;
    expect(Object.fromEntries(s.domains.map((d) => [d.name, { overhead: d.overhead, band: d.band }]))).toEqual(
      Object.fromEntries(
        Object.entries(expected.domains as Record<string, { overhead: number; band: string }>).map(([d, v]) => [
          d,
          { overhead: expect.closeTo(v.overhead, 9), band: v.band },
        ])
      )
    );
    expect(s.system.overhead).toBeCloseTo(expected.system.overhead, 9);
    expect(s.system.band).toBe(expected.system.band);
    expect(s.system.thresholds).toEqual({ target: 4.7, warning: 7, critical: 10 });
  });

  it('has a trend per domain and for the system total', () => {
    for (const s of view.services) {
      for (const row of [...s.domains, s.system]) {
        expect(row.trend!.values.length).toBe(61);
      }
    }
  });
});

it('computes the same trends from raw queries as the PerfScope datasource', () => {
  const raw = overheadView(recordedPanelData(loadRecording('domainoverhead.prometheus')), share, { queries: {} });
  const computed = overheadView(recordedPanelData(loadRecording('domainoverhead.perfscope')), share, { queries: {} });
  for (const s of raw.services) {
    const other = computed.services.find((x) => x.service === s.service)!;
    for (const row of [...s.domains, s.system]) {
      const twin = [...other.domains, other.system].find((r) => r.name === row.name)!;
      Array.from(row.trend!.values).forEach((v, t) =>
        expect([s.service, row.name, t, v]).toEqual([s.service, row.name, t, expect.closeTo(twin.trend!.values[t], 9)])
      );
    }
  }
});

it('compares each domain with its own latency a week earlier in baseline mode', () => {
  const baseline = { ...share, mode: 'baseline' as const };
  const view = overheadView(recordedPanelData(loadRecording('domainoverhead.prometheus')), baseline, { queries: {} });
  const s = view.services.find((x) => x.service === 'domain-overhead')!;
  const expected = scenarios['domain-overhead'].baseline.domains as Record<string, number>;
  expect(Object.fromEntries(s.domains.map((d) => [d.name, d.overhead]))).toEqual(
    Object.fromEntries(Object.entries(expected).map(([d, v]) => [d, expect.closeTo(v, 9)]))
  );
  expect(s.domains.find((d) => d.name === 'quality_validation')!.band).toBe('critical');
  expect(s.system.overhead).toBeCloseTo(75, 9);
});

describe('imperfect data', () => {
  const range = recordingTimeRange(loadRecording('domainoverhead.prometheus'));
  const frame = (refId: string, labels: Record<string, string>, values: Array<number | null>) =>
    toDataFrame({
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: values.map((_, i) => i * 60e3) },
        { name: 'Value', type: FieldType.number, labels, values },
      ],
    });

  it('leaves a domain without the total request time as no data, and the system total without it', () => {
    const series = [
      frame('domain_time', { service: 'api', domain: 'billing' }, [0.2, 0.2]),
      frame('domain_time', { service: 'web', domain: 'billing' }, [0.1, 0.1]),
      frame('total_time', { service: 'api' }, [4, 4]),
    ];
    const view = overheadView({ state: LoadingState.Done, series, timeRange: range }, share, { queries: {} });
    const [api, web] = view.services;
    expect([api.domains[0].overhead, api.domains[0].band, api.system.overhead]).toEqual([5, 'warning', 5]);
    expect([web.domains[0].overhead, web.domains[0].band, web.system.overhead, web.system.band]).toEqual([
      null,
      'nodata',
      null,
      'nodata',
    ]);
  });

  it('reads overhead already computed (the recorded perfscope:domain_overhead) as it is, and sums the system total', () => {
    const series = [
      frame('domain_overhead', { service: 'api', domain: 'billing' }, [5, 6]),
      frame('domain_overhead', { service: 'api', domain: 'search' }, [1, 2]),
      // Read only without an overhead query: ignored here.
      frame('total_time', { service: 'api' }, [1, 1]),
    ];
    const view = overheadView({ state: LoadingState.Done, series, timeRange: range }, share, { queries: {} });
    const [api] = view.services;
    expect(api.domains.map((d) => [d.name, d.overhead, Array.from(d.trend!.values)])).toEqual([
      ['billing', 6, [5, 6]],
      ['search', 2, [1, 2]],
    ]);
    expect([api.system.overhead, api.system.band, Array.from(api.system.trend!.values)]).toEqual([
      8,
      'warning',
      [6, 8],
    ]);
  });

  it('refuses two series for one domain and says how to aggregate', () => {
    const series = [
      frame('A', { service: 'api', domain: 'billing' }, [0.2]),
      frame('A', { service: 'api', domain: 'billing' }, [0.3]),
      frame('B', { service: 'api' }, [4]),
    ];
    const view = overheadView({ state: LoadingState.Done, series, timeRange: range }, share, {
      queries: { domainTime: 'A', totalTime: 'B' },
    });
    expect(view.problems).toEqual([
      'Query A returns several series for service="api", domain="billing"; aggregate it with sum by (service, domain)',
    ]);
    expect(view.services[0].domains[0].overhead).toBe(5);
  });
});

describe('panelSettings', () => {
  it("applies the panel's system target and a domain's own thresholds", () => {
    const { settings, problems } = panelSettings(profile, {
      mode: '',
      thresholds: { system: { target: 2 }, domains: { billing: { target: 5, warning: 8, critical: 12 } } },
    });
    expect(problems).toEqual([]);
    expect(settings!.system).toEqual({ target: 2, warning: 7, critical: 10 });
    expect(settings!.overrides.billing).toEqual({ target: 5, warning: 8, critical: 12 });
  });

  it('names the field of a bad override', () => {
    const { settings, problems } = panelSettings(profile, { mode: '', thresholds: { system: { warning: 12 } } });
    expect(settings).toBeNull();
    expect(problems).toEqual(['system.warning must lie between target and critical']);
  });
});
