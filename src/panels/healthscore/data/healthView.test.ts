import { FieldType, LoadingState, toDataFrame, type PanelData } from '@grafana/data';

import { defaultProfile } from '../../../scoring';
import { loadRecording, loadScenarios } from '../../../testing/load';
import { recordedPanelData, recordingTimeRange } from '../../../testing/recordings';
import { defaultOptions } from '../types';
import { healthView } from './healthView';
import { panelProfile } from './panelProfile';

const profile = defaultProfile();
const scenarios = loadScenarios();
const options = { indicatorQueries: {}, groupBy: 'service' };

describe.each(['health.prometheus', 'health.perfscope'] as const)('%s recorded from the fixture Prometheus', (name) => {
  const data = recordedPanelData(loadRecording(name));
  const view = healthView(data, profile, options);

  it('has one group per scenario service', () => {
    expect(view.groups.map((g) => g.name)).toEqual(Object.keys(scenarios).sort());
    expect(view.source).toBe(name.endsWith('perfscope') ? 'perfscope' : 'prometheus');
    expect(view.problems).toEqual([]);
  });

  it.each(Object.keys(scenarios))('%s: score, band, cap and sub-scores as the scenario expects', (service) => {
    const expected = scenarios[service];
    const { health } = view.groups.find((g) => g.name === service)!;
    expect(health.score).toBeCloseTo(expected.score, 9);
    expect(health.band).toBe(expected.band);
    expect(health.cappedBy).toBe(expected.cappedBy);
    expect(health.noData).toEqual([]);
    for (const ind of health.indicators) {
      expect([ind.id, ind.subScore]).toEqual([ind.id, expect.closeTo(expected.subScores[ind.id], 9)]);
      expect([ind.id, ind.value]).toEqual([ind.id, expect.closeTo(expected.indicators[ind.id], 9)]);
    }
    const lost = health.indicators.reduce((sum, i) => sum + i.pointsLost!, 0);
    // Points lost explain the weighted score; a key indicator's cap comes on top.
    expect(100 - lost).toBeGreaterThanOrEqual(health.score! - 1e-9);
  });

  it('has a trend over the whole hour, one point a minute', () => {
    for (const g of view.groups) {
      expect(g.trend!.timestamps.length).toBe(61);
      expect(g.trend!.timestamps[60] - g.trend!.timestamps[0]).toBe(3600e3);
    }
  });
});

it('scores the same trend from raw queries as the PerfScope datasource does', () => {
  const raw = healthView(recordedPanelData(loadRecording('health.prometheus')), profile, options);
  const computed = healthView(recordedPanelData(loadRecording('health.perfscope')), profile, options);
  for (const g of raw.groups) {
    const other = computed.groups.find((c) => c.name === g.name)!;
    expect(Array.from(g.trend!.timestamps)).toEqual(Array.from(other.trend!.timestamps));
    Array.from(g.trend!.score).forEach((s, k) =>
      expect([g.name, k, s]).toEqual([g.name, k, expect.closeTo(other.trend!.score[k], 9)])
    );
  }
});

it('names a missing indicator and never counts it as healthy', () => {
  const rec = loadRecording('health.prometheus');
  const data = recordedPanelData(rec, ['latency_p95', 'cpu', 'memory', 'availability']);
  const incident = healthView(data, profile, options).groups.find((g) => g.name === 'incident')!.health;
  expect(incident.noData).toEqual(['error_rate']);
  const errorRate = incident.indicators.find((i) => i.id === 'error_rate')!;
  expect([errorRate.value, errorRate.subScore, errorRate.band, errorRate.pointsLost]).toEqual([
    null,
    null,
    'nodata',
    null,
  ]);
  // Without error rate (10), the incident is capped by latency p95 (30), not lifted to "healthy".
  expect(incident.score).toBe(30);
  expect(incident.cappedBy).toBe('latency_p95');
});

it('reads queries mapped by refId or series name, and lists the ones it does not use', () => {
  const rec = loadRecording('health.prometheus');
  const data = recordedPanelData(rec, ['latency_p95', 'cpu']);
  const renamed = { ...data, series: data.series.map((f) => ({ ...f, refId: f.refId === 'latency_p95' ? 'A' : 'B' })) };
  const view = healthView(renamed, profile, { ...options, indicatorQueries: { latency_p95: 'A' } });
  const degraded = view.groups.find((g) => g.name === 'degraded')!.health;
  expect(degraded.indicators.find((i) => i.id === 'latency_p95')!.value).toBeCloseTo(0.35, 9);
  expect(degraded.noData).toEqual(['error_rate', 'cpu', 'memory', 'availability']);
  expect(view.unusedQueries).toEqual(['B']);
});

function frames(...series: Array<{ refId: string; service?: string; times: number[]; values: Array<number | null> }>) {
  return series.map((s) =>
    toDataFrame({
      refId: s.refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: s.times },
        { name: 'Value', type: FieldType.number, values: s.values, labels: s.service ? { service: s.service } : {} },
      ],
    })
  );
}

const panelData = (series: ReturnType<typeof frames>): PanelData => {
  const range = recordingTimeRange(loadRecording('health.prometheus'));
  return { state: LoadingState.Done, series, timeRange: range };
};

it('refuses to pick one of two series for the same service and says how to aggregate', () => {
  const view = healthView(
    panelData(
      frames(
        { refId: 'cpu', service: 'api', times: [0, 60e3], values: [50, 50] },
        { refId: 'cpu', service: 'api', times: [0, 60e3], values: [95, 95] },
        { refId: 'memory', service: 'api', times: [0, 60e3], values: [85, 85] }
      )
    ),
    profile,
    options
  );
  expect(view.problems).toEqual([
    'CPU: query cpu returns 2 series for service="api"; aggregate it by service (e.g. sum by (service))',
  ]);
  const api = view.groups[0].health;
  expect(api.noData).toContain('cpu');
  expect(api.score).toBe(85);
});

it('keeps gaps and nulls as no data over time and scores series with different steps', () => {
  const view = healthView(
    panelData(
      frames(
        { refId: 'cpu', times: [0, 60e3, 120e3, 180e3], values: [75, null, 85, 95] },
        { refId: 'memory', times: [0, 120e3], values: [85, 95] }
      )
    ),
    profile,
    options
  );
  const [only] = view.groups;
  expect(only.name).toBe('');
  // cpu 75 -> 85, 85 -> 60, 95 -> 40; memory 85 -> 85 held for its 2-minute step, 95 -> 50.
  expect(Array.from(only.trend!.score)).toEqual([85, 85, (0.15 * 60 + 0.15 * 50) / 0.3, (0.15 * 40 + 0.15 * 50) / 0.3]);
});

describe('panelProfile', () => {
  it('applies a panel override over the app settings', () => {
    const { profile: merged, problems } = panelProfile(profile, {
      aggregation: 'worst',
      indicatorOverrides: { cpu: { target: 50, warning: 60, critical: 70 }, availability: { enabled: false } },
    });
    expect(problems).toEqual([]);
    expect(merged!.aggregation).toBe('worst');
    expect(merged!.indicators.find((i) => i.id === 'cpu')).toMatchObject({
      target: 50,
      warning: 60,
      critical: 70,
      weight: 0.15,
    });
    expect(merged!.indicators.find((i) => i.id === 'availability')!.enabled).toBe(false);
  });

  it('names the indicator and the field of a bad override', () => {
    const { profile: merged, problems } = panelProfile(profile, {
      ...defaultOptions,
      indicatorOverrides: { error_rate: { warning: 5 }, memory: { weight: -1 } },
    });
    expect(merged).toBeNull();
    expect(problems).toEqual([
      'Error rate: warning must lie between target and critical',
      'Memory: weight must not be negative',
    ]);
  });
});
