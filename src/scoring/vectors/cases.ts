// The inputs of the shared vectors, section by section. Expected outputs come from ./evaluate.
import { catalogue, type HttpPreset } from '../presets/presetCatalogue';
import { defaultProfile } from '../profile/defaults';
import type { Direction, Indicator, Thresholds } from '../types';
import { encode, type Encoded } from './codec';
import { groupCases, groupValidationCases } from './groupCases';

export interface VectorCase {
  name: string;
  input: unknown;
}

type Json = Record<string, any>; // profile documents being broken on purpose

const thresholdSets: Array<[string, Direction, Thresholds]> = [
  ['latency_p95', 'lower', { target: 0.2, warning: 0.5, critical: 1 }],
  ['error_rate', 'lower', { target: 0.1, warning: 0.5, critical: 1 }],
  ['cpu', 'lower', { target: 70, warning: 80, critical: 90 }],
  ['memory', 'lower', { target: 80, warning: 90, critical: 95 }],
  ['domain', 'lower', { target: 1.5, warning: 3, critical: 5 }],
  ['system', 'lower', { target: 4.7, warning: 7, critical: 10 }],
  ['availability', 'higher', { target: 99.9, warning: 99.5, critical: 99 }],
  ['throughput', 'higher', { target: 1, warning: 0.5, critical: 0.1 }],
];

function subscoreCases(): VectorCase[] {
  const cases: VectorCase[] = [];
  for (const [name, direction, t] of thresholdSets) {
    const { target: T, warning: W, critical: C } = t;
    const d = Math.abs(W - T) * 1e-3; // a small step in the value's own scale
    const s = direction === 'lower' ? 1 : -1; // worse is +s
    const points: Array<[string, number]> = [
      ['far better than target', T - s * 10 * Math.abs(W - T)],
      ['just better than target', T - s * d],
      ['at target', T],
      ['just past target', T + s * d],
      ['between target and warning', T + s * 0.4 * Math.abs(W - T)],
      ['just before warning', W - s * d],
      ['at warning', W],
      ['just past warning', W + s * d],
      ['between warning and critical', W + s * 0.7 * Math.abs(C - W)],
      ['just before critical', C - s * d],
      ['at critical', C],
      ['just past critical', C + s * d],
      ['past critical, score 20', C + s * 1.5 * Math.abs(C - W)],
      ['where the score reaches 0', C + s * 2.5 * Math.abs(C - W)],
      ['beyond 0 (clamped)', C + s * 4 * Math.abs(C - W)],
    ];
    for (const [label, value] of points) {
      cases.push({ name: `${name} ${direction}: ${label}`, input: { value, direction, ...t } });
    }
  }
  for (const value of [null, 'NaN', '+Inf', '-Inf'] as Encoded[]) {
    cases.push({
      name: `no data: ${value}`,
      input: { value, direction: 'lower', target: 70, warning: 80, critical: 90 },
    });
    cases.push({
      name: `no data, higher: ${value}`,
      input: { value, direction: 'higher', target: 99.9, warning: 99.5, critical: 99 },
    });
  }
  return cases;
}

const bandCases = (): VectorCase[] =>
  [100, 90, 89.99999999, 70, 69.99999999, 50, 49.99999999, 0, null].map((score) => ({
    name: `score ${score}`,
    input: { score },
  }));

const profile = defaultProfile();
const scored = (indicators: Indicator[]) =>
  indicators.map(({ id, direction, target, warning, critical, weight, key, enabled }) => ({
    id,
    direction,
    target,
    warning,
    critical,
    weight,
    key,
    enabled,
  }));
const ind = (id: string, weight: number, key = false, direction: Direction = 'lower', enabled = true) =>
  ({ id, direction, target: 70, warning: 80, critical: 90, weight, key, enabled }) as Indicator;

function compositeCases(): VectorCase[] {
  const base = { latency_p95: 0.35, error_rate: 0.05, cpu: 85, memory: 80, availability: 99.95, throughput: 3 };
  const d = (name: string, values: Record<string, Encoded>, aggregation = 'weighted') => ({
    name: `default profile, ${aggregation}: ${name}`,
    input: { aggregation, indicators: scored(profile.indicators), values },
  });
  const c = (name: string, indicators: Indicator[], values: Record<string, Encoded>, aggregation = 'weighted') => ({
    name,
    input: { aggregation, indicators: scored(indicators), values },
  });
  return [
    d('capped by latency', base),
    d('all healthy', { latency_p95: 0.1, error_rate: 0, cpu: 40, memory: 50, availability: 100, throughput: 10 }),
    d('no cap, cpu at warning', { ...base, latency_p95: 0.1, cpu: 80 }),
    d('error rate exactly critical', { ...base, latency_p95: 0.1, error_rate: 1 }),
    d('error rate just past critical', { ...base, latency_p95: 0.1, error_rate: 1.0001 }),
    d('both key indicators capping, error rate lowest', { ...base, latency_p95: 0.6, error_rate: 2 }),
    d('cpu NaN', { ...base, cpu: 'NaN' }),
    d('memory +Inf, availability -Inf', { ...base, memory: '+Inf', availability: '-Inf' }),
    d('latency missing (null)', { ...base, latency_p95: null }),
    d('latency absent', { error_rate: 0.3, cpu: 75, memory: 92, availability: 99.7 }),
    d('all missing', {}),
    d('all NaN', { latency_p95: 'NaN', error_rate: 'NaN', cpu: 'NaN', memory: 'NaN', availability: 'NaN' }),
    d('only a disabled indicator has data', { throughput: 0.2 }),
    d('availability critical (higher)', { ...base, latency_p95: 0.1, availability: 98.5 }),
    d('everything past critical', { latency_p95: 5, error_rate: 20, cpu: 100, memory: 100, availability: 50 }),
    d('worst of the defaults', base, 'worst'),
    d('worst with no data', { cpu: 'NaN' }, 'worst'),
    d('worst, availability lowest', { ...base, latency_p95: 0.1, cpu: 50, availability: 99.2 }, 'worst'),
    c('key gate with weight 0 caps', [ind('a', 1), ind('gate', 0, true)], { a: 60, gate: 85 }),
    c('key gate with weight 0 above the mean does not cap', [ind('a', 1), ind('gate', 0, true)], { a: 85, gate: 75 }),
    c('only a weight-0 gate has data', [ind('a', 1), ind('gate', 0, true)], { a: null, gate: 85 }),
    c('several keys, lowest caps', [ind('a', 1, true), ind('b', 1, true), ind('c', 2)], { a: 75, b: 78, c: 70 }),
    c('several keys tie, first caps', [ind('a', 1, true), ind('b', 1, true), ind('c', 2)], { a: 78, b: 78, c: 70 }),
    c('key equal to the mean does not cap', [ind('a', 1, true), ind('b', 1)], { a: 75, b: 75 }),
    c('disabled key does not cap', [ind('a', 1), ind('k', 1, true, 'lower', false)], { a: 70, k: 100 }),
    c('uneven weights', [ind('a', 3), ind('b', 1), ind('c', 0.5)], { a: 72, b: 88, c: 95 }),
    c('weight 0 ignored by the mean, kept by worst', [ind('a', 1), ind('b', 0)], { a: 75, b: 95 }, 'worst'),
    c('mixed directions', [ind('a', 1), { ...ind('h', 1, true, 'higher'), target: 90, warning: 80, critical: 70 }], {
      a: 75,
      h: 76,
    }),
  ];
}

function overheadCases(): VectorCase[] {
  const domains = { defaults: profile.domains.defaults, overrides: {}, system: profile.domains.system };
  const names = [
    'strategic_reporting',
    'system_complexity',
    'compliance_evaluation',
    'quality_validation',
    'workflow_optimization',
  ];
  const share = (name: string, shares: Encoded[], total: Encoded = 2, settings: object = domains) => ({
    name: `share: ${name}`,
    input: {
      mode: 'share',
      domains: settings,
      samples: Object.fromEntries(names.map((n, i) => [n, { domainTime: shares[i], totalTime: total }])),
    },
  });
  const baseline = (name: string, latencies: Encoded[], base: Encoded = 0.01) => ({
    name: `baseline: ${name}`,
    input: {
      mode: 'baseline',
      domains,
      samples: Object.fromEntries(names.map((n, i) => [n, { latency: latencies[i], baseline: base }])),
    },
  });
  return [
    share('all small', [0.01, 0.01, 0.01, 0.01, 0.01]),
    share('at each domain threshold', [0.03, 0.06, 0.1, 0.02, 0.011]),
    share('one critical domain, system at warning', [0.12, 0.01, 0.01, 0.01, 0.0]),
    share('system exactly at its target', [0.02, 0.02, 0.02, 0.02, 0.014]),
    share('system exactly at critical', [0.04, 0.04, 0.04, 0.04, 0.04]),
    share('system far past critical', [0.2, 0.2, 0.2, 0.2, 0.2]),
    share('a domain without data', [0.03, null, 'NaN', 0.01, 0.01]),
    share('zero total time: no data', [0.03, 0.03, 0.03, 0.03, 0.03], 0),
    share('no total time: no data', [0.03, 0.03, 0.03, 0.03, 0.03], null),
    share('override on one domain', [0.09, 0.09, 0.09, 0.01, 0.01], 2, {
      ...domains,
      overrides: { compliance_evaluation: { target: 5, warning: 8, critical: 12 } },
    }),
    baseline('unchanged', [0.01, 0.01, 0.01, 0.01, 0.01]),
    baseline('slower and faster', [0.0103, 0.0106, 0.0095, 0.012, 0.01015]),
    baseline('one domain without a baseline sample', [0.011, 0.011, 0.011, 0.011, 0.011], null),
    baseline('zero baseline: no data', [0.011, 0.011, 0.011, 0.011, 0.011], 0),
    baseline('latency +Inf', ['+Inf', 0.0101, 0.0101, 0.0101, 0.0101]),
  ];
}

function slaCases(): VectorCase[] {
  const sla = { target: profile.sla.target, period: profile.sla.period, burnRateTiers: profile.sla.burnRateTiers };
  const windows = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
  const steady = (r: Encoded) => ({ ...Object.fromEntries(windows.map((w) => [w, r])), period: r });
  const at = '2025-02-10T12:00:00Z';
  const c = (name: string, errorRatios: Record<string, Encoded>, settings: object = sla, when = at) => ({
    name,
    input: { sla: settings, at: when, errorRatios },
  });
  const burst = (long: string, short: string, longRatio: number, shortRatio: number) => ({
    ...steady(0),
    [long]: longRatio,
    [short]: shortRatio,
  });
  return [
    c('no errors', steady(0)),
    c('half the budget', steady(0.0005)),
    c('budget exactly spent', steady(0.001)),
    c('budget overspent (negative)', steady(0.0035)),
    c('everything failing', steady(1)),
    c('no data at all', {}),
    c('period NaN, windows known', { ...steady(0.0002), period: 'NaN' }),
    // On the default 99.9 % target each tier sits exactly on its factor at these decimal ratios: none fires.
    c('fast-burn exactly at 14.4', burst('1h', '5m', 0.0144, 0.0144)),
    c('fast-burn just past 14.4', burst('1h', '5m', 0.01440001, 0.01440001)),
    c('slow-burn exactly at 6', burst('6h', '30m', 0.006, 0.006)),
    c('budget-drain exactly at 3', burst('1d', '2h', 0.003, 0.003)),
    c('slow-drain exactly at 1', burst('3d', '6h', 0.001, 0.001)),
    c('fast-burn firing', burst('1h', '5m', 0.015, 0.02)),
    c('fast-burn long only', burst('1h', '5m', 0.015, 0.01)),
    c('fast-burn short only', burst('1h', '5m', 0.01, 0.02)),
    c('slow-burn firing', burst('6h', '30m', 0.0061, 0.007)),
    c('slow-burn just under', burst('6h', '30m', 0.0059, 0.007)),
    c('budget-drain firing', burst('1d', '2h', 0.0031, 0.004)),
    c('slow-drain firing', burst('3d', '6h', 0.0011, 0.0012)),
    c('all tiers firing', steady(0.02)),
    c('short window missing', { ...steady(0.02), '5m': null }),
    c('windows written as other durations', {
      '60m': 0.02,
      '300s': 0.02,
      '1800s': 0.02,
      '360m': 0.02,
      '24h': 0.02,
      '72h': 0.02,
      '120m': 0.02,
      '30d': 0.0001,
    }),
    c(
      'exactly at the factor does not fire',
      { '1h': 0.5, '5m': 0.75, period: 0.1 },
      {
        target: 50,
        period: '4h',
        burnRateTiers: [
          { name: 't', budgetFraction: 0.25, longWindow: '1h', shortWindow: '5m', severity: 'critical', enabled: true },
        ],
      }
    ),
    c('calendar month: February (28 days)', steady(0.0005), { ...sla, period: 'month' }),
    // 14.5 would fire fast-burn on 30 days (factor 14.4) but not in March (14.88); 13.9 fires in February 2025 (13.44).
    c(
      'calendar month: March (31 days)',
      { ...steady(0.0145), period: 0.0005 },
      { ...sla, period: 'month' },
      '2025-03-31T23:59:59Z'
    ),
    c('calendar month: leap February', steady(0.0139), { ...sla, period: 'month' }, '2024-02-29T00:00:00Z'),
    c('calendar month: February 2025', steady(0.0139), { ...sla, period: 'month' }),
    c('period ratio keyed by the period string', { '30d': 0.0002, '1h': 0.0002, '5m': 0.0002 }),
    c('target 99 over 7 days', steady(0.02), { ...sla, target: 99, period: '7d' }),
    c('disabled tiers left out', steady(0.02), {
      ...sla,
      burnRateTiers: sla.burnRateTiers.map((t, i) => ({ ...t, enabled: i % 2 === 0 })),
    }),
  ];
}

function budgetPolicyCases(): VectorCase[] {
  const sla = { target: profile.sla.target, period: profile.sla.period, budgetPolicy: profile.sla.budgetPolicy };
  const at = '2026-01-31T00:00:00Z';
  const ratios = (period: Encoded, r1h: Encoded, r6h: Encoded = r1h, r1d: Encoded = r1h) => ({
    period,
    '1h': r1h,
    '6h': r6h,
    '1d': r1d,
  });
  const c = (name: string, errorRatios: Record<string, Encoded>, settings: object = sla, when = at) => ({
    name,
    input: { sla: settings, at: when, errorRatios },
  });
  const policy = (p: object) => ({ ...sla, budgetPolicy: { ...sla.budgetPolicy, ...p } });
  return [
    c('untouched budget, no errors', ratios(0, 0)),
    c('just under warn', ratios(0.000499, 0)),
    c('warn at exactly 50 %', ratios(0.0005, 0)),
    c('page at exactly 75 %', ratios(0.00075, 0)),
    c('freeze at exactly 100 %', ratios(0.001, 0)),
    c('overspent: exhaustion 0', ratios(0.0025, 0.002)),
    // 0.2 x 30 days / 3.5 = 41.14 hours: under 3 days.
    c('budget-burn: 80 % spent, burning 3.5x', ratios(0.0008, 0.0035)),
    // 50 % left lasts exactly 3 days at a burn of 5: not under, so no freeze.
    c('exhaustion exactly at 3 days', ratios(0.0005, 0.005, 0, 0)),
    c('exhaustion just under 3 days', ratios(0.0005, 0.00501, 0, 0)),
    c('only the 1d window exhausts soon', ratios(0.0001, 0, 0, 0.02)),
    c('no data at all', {}),
    c('period unknown, windows known', ratios(null, 0.01)),
    c('a window unknown, otherwise ok', ratios(0, 0, null, 0)),
    c('a window unknown, otherwise warn', ratios(0.0006, 0, 0, null)),
    c('a window unknown, page stands', ratios(0.0008, null, 0, 0)),
    c('windows written as other durations', { '30d': 0.0001, '60m': 0.0001, '360m': 0.0001, '24h': 0.0001 }),
    c('calendar month: February', ratios(0.0004, 0.002), { ...sla, period: 'month' }, '2026-02-10T12:00:00Z'),
    c('target 99 over 7 days', ratios(0.005, 0.02), { ...sla, target: 99, period: '7d' }),
    c('stricter policy', ratios(0.00025, 0.001), policy({ warnSpent: 10, pageSpent: 20, freezeSpent: 30 })),
    c('freeze by exhaustion off at 1m', ratios(0.0008, 0.0035), policy({ freezeExhaustion: '1m' })),
    c('other windows', { period: 0.0002, '5m': 0.1, '3d': 0.0001 }, policy({ windows: ['5m', '3d'] })),
  ];
}

function policyRollupCases(): VectorCase[] {
  const c = (name: string, states: string[]) => ({ name, input: { states } });
  return [
    c('no members', []),
    c('all ok', ['ok', 'ok']),
    c('warn is the worst', ['ok', 'warn', 'ok']),
    c('page among warn', ['warn', 'page', 'ok']),
    c('freeze wins', ['page', 'freeze', 'warn']),
    c('no data with ok and warn', ['ok', 'nodata', 'warn']),
    c('no data, but a member pages', ['nodata', 'page']),
    c('no data, but a member freezes', ['freeze', 'nodata']),
    c('only no data', ['nodata']),
  ];
}

function latencyCases(): VectorCase[] {
  const counts = [50, 80, 95, 97, 99, 99.5, 99.9, 100, 100, 100];
  const bounds: Encoded[] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, '+Inf'];
  const buckets = bounds.map((le, i) => ({ le, count: counts[i] }));
  const c = (name: string, threshold: number, b = buckets) => ({ name, input: { buckets: b, threshold } });
  return [
    c('threshold 0.2', 0.2),
    c('threshold 0.05', 0.05),
    c('threshold 1', 1),
    c('threshold 5', 5),
    c('threshold not a bucket bound', 0.25),
    c(
      'no requests',
      0.2,
      bounds.map((le) => ({ le, count: 0 }))
    ),
    c(
      'rates instead of counts',
      0.2,
      bounds.map((le, i) => ({ le, count: counts[i] / 300 }))
    ),
    c('no +Inf bucket', 0.2, buckets.slice(0, -1)),
  ];
}

function mttrCases(): VectorCase[] {
  const ts = (n: number, step = 60, start = 0) => Array.from({ length: n }, (_, i) => start + i * step);
  const mask = (n: number, on: number[]) => Array.from({ length: n }, (_, i) => on.includes(i));
  const c = (name: string, timestamps: number[], inBreach: boolean[], step = 60) => ({
    name,
    input: { timestamps, inBreach, step },
  });
  return [
    c('no breach', ts(10), mask(10, [])),
    c('one resolved interval', ts(10), mask(10, [2, 3, 4])),
    c('two resolved and an open one', ts(11), mask(11, [1, 2, 5, 9, 10])),
    c('breach from the first sample, resolved', ts(6), mask(6, [0, 1])),
    c('open for the whole range', ts(5), mask(5, [0, 1, 2, 3, 4])),
    c('single open sample', ts(5), mask(5, [4])),
    c('a gap splits a run', [0, 60, 120, 240, 300, 360], [true, true, true, true, false, false]),
    c('15 s step', ts(20, 15, 1700000000), mask(20, [3, 4, 5, 6, 10, 15, 16])),
    c('empty range', [], []),
  ];
}

function seriesCases(): VectorCase[] {
  const lat = profile.indicators.slice(0, 5);
  const c = (
    name: string,
    aggregation: string,
    indicators: Indicator[],
    grid: object,
    series: Record<string, { timestamps: number[]; values: Encoded[] }>
  ) => ({
    name,
    input: { aggregation, indicators: scored(indicators), grid, series },
  });
  const grid = { start: 1700000000000, step: 15000, length: 12 };
  const at = (...steps: number[]) => steps.map((k) => grid.start + k * grid.step);
  return [
    c('same step, no gaps', 'weighted', lat, grid, {
      latency_p95: {
        timestamps: at(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.2, 0.15, 0.19, 0.21],
      },
      error_rate: {
        timestamps: at(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        values: [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 3, 0, 0, 0.05],
      },
    }),
    c('different steps and gaps', 'weighted', lat, grid, {
      latency_p95: {
        timestamps: at(0, 1, 2, 4, 5, 6, 8, 9, 10, 11),
        values: [0.1, 0.35, 0.6, 1.2, 'NaN', 0.3, 0.2, 0.25, 0.4, 0.45],
      },
      error_rate: { timestamps: at(0, 2, 4, 8, 10), values: [0.05, 0.3, 0.8, 2, 0.2] },
      cpu: { timestamps: at(0, 4, 8), values: [50, 85, 95] },
      availability: { timestamps: at(3, 11), values: [99.7, '+Inf'] },
    }),
    c('finer series than the grid', 'weighted', lat, grid, {
      cpu: {
        timestamps: [
          grid.start + 5000,
          grid.start + 10000,
          grid.start + 25000,
          grid.start + 40000,
          grid.start + 100000,
        ],
        values: [72, 74, 78, 82, 88],
      },
      memory: {
        timestamps: at(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        values: [80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91],
      },
    }),
    c('series starting after the grid start and ending before its end', 'weighted', lat, grid, {
      error_rate: { timestamps: at(3, 4, 5, 6), values: [0.2, 0.4, 0.6, 0.8] },
      memory: {
        timestamps: at(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        values: [70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 96],
      },
    }),
    c('worst mode over gaps', 'worst', lat, grid, {
      latency_p95: { timestamps: at(0, 2, 4, 6, 8, 10), values: [0.1, 0.6, 0.2, 1.5, 0.3, 0.1] },
      cpu: { timestamps: at(1, 3, 5, 7, 9, 11), values: [75, 85, 95, 65, 81, 90] },
    }),
    c('no series at all', 'weighted', lat, grid, {}),
  ];
}

const durationCases = (): VectorCase[] =>
  [
    '5m',
    '1h30m',
    '7d',
    '30d',
    '1w',
    '1y',
    '500ms',
    '1h0m',
    '90s',
    '0s',
    '0',
    '',
    '5',
    '1.5h',
    '1m1h',
    'month',
    '-5m',
    ' 5m',
    '5M',
    '1d12h',
    '10y',
    '10y1ms',
    '520w',
    '522w',
    '300y',
    '584y50w',
    '9999999999999999999d',
  ].map((text) => ({
    name: JSON.stringify(text),
    input: { text },
  }));

function validationCases(): VectorCase[] {
  const mutate = (name: string, f: (p: Json) => void) => {
    const p = defaultProfile() as unknown as Json;
    f(p);
    return { name, input: { profile: p } };
  };
  return [
    mutate('the default profile is valid', () => undefined),
    { name: 'not an object', input: { profile: [1, 2] } },
    { name: 'null', input: { profile: null } },
    { name: 'indicators not a list', input: { profile: { indicators: {} } } },
    { name: 'indicators empty', input: { profile: { indicators: [] } } },
    { name: 'an indicator with nothing', input: { profile: { indicators: [{}] } } },
    {
      name: 'minimal valid profile',
      input: {
        profile: {
          indicators: [
            {
              id: 'up',
              direction: 'higher',
              target: 1,
              warning: 0.9,
              critical: 0.5,
              weight: 1,
              query: 'avg by (service) (up)',
            },
          ],
        },
      },
    },
    mutate('warning above critical (lower)', (p) => (p.indicators[2].warning = 95)),
    mutate('warning below target (lower)', (p) => (p.indicators[2].warning = 60)),
    mutate('warning equal to target', (p) => (p.indicators[3].warning = 80)),
    mutate('critical below target (lower)', (p) => (p.indicators[0].critical = 0.1)),
    mutate('critical above target (higher)', (p) => (p.indicators[4].critical = 100)),
    mutate('warning outside (higher)', (p) => (p.indicators[4].warning = 99.95)),
    mutate('negative weight', (p) => (p.indicators[1].weight = -0.3)),
    mutate('weight not a number', (p) => (p.indicators[1].weight = '0.3')),
    mutate('all weights zero', (p) => p.indicators.forEach((i: Json) => (i.weight = 0))),
    mutate('all weights zero in worst mode is fine', (p) => {
      p.aggregation = 'worst';
      p.indicators.forEach((i: Json) => (i.weight = 0));
    }),
    mutate('nothing enabled in worst mode', (p) => {
      p.aggregation = 'worst';
      p.indicators.forEach((i: Json) => (i.enabled = false));
    }),
    mutate('unknown aggregation', (p) => (p.aggregation = 'mean')),
    mutate('service label job is fine', (p) => (p.serviceLabel = 'job')),
    mutate('service label service_name is fine', (p) => (p.serviceLabel = 'service_name')),
    mutate('absent service label takes the default', (p) => delete p.serviceLabel),
    mutate('service label empty', (p) => (p.serviceLabel = '')),
    mutate('service label starts with a digit', (p) => (p.serviceLabel = '1x')),
    mutate('service label reserved', (p) => (p.serviceLabel = '__name__')),
    mutate('service label with a dash', (p) => (p.serviceLabel = 'a-b')),
    mutate('service label le', (p) => (p.serviceLabel = 'le')),
    mutate('service label domain', (p) => (p.serviceLabel = 'domain')),
    mutate('service label not a string', (p) => (p.serviceLabel = 7)),
    mutate('allowMissing true is fine', (p) => (p.allowMissing = true)),
    mutate('allowMissing not a boolean', (p) => (p.allowMissing = 'yes')),
    mutate('unknown direction', (p) => (p.indicators[0].direction = 'down')),
    mutate('duplicate ids', (p) => (p.indicators[3].id = 'cpu')),
    mutate('empty id', (p) => (p.indicators[0].id = ' ')),
    mutate('empty query', (p) => (p.indicators[0].query = '')),
    mutate('empty query of a disabled indicator is fine', (p) => (p.indicators[5].query = '')),
    mutate('unbalanced parenthesis', (p) => (p.indicators[0].query = 'sum(rate(x[5m])')),
    mutate('trailing operator', (p) => (p.indicators[1].query = 'up +')),
    mutate('two selectors in a row', (p) => (p.indicators[2].query = 'foo bar')),
    mutate('unclosed string', (p) => (p.indicators[3].query = 'up{service="x}')),
    mutate('template variables in every place', (p) => {
      p.indicators[0].query =
        'sum by (service) (rate(x{service=~"$service"}[$__rate_interval] offset $__range)) > ${threshold}';
      p.indicators[1].query = 'max_over_time(x{le="$latencyThreshold"}[${window}]) * [[scale]]';
    }),
    mutate('variable formats: regex, pipe and raw are filled in, csv and an empty one are not', (p) => {
      p.indicators[0].query =
        'sum by (service) (rate(x{service=~"${service:regex}", a=~"${a:pipe}", b=~"${b:raw}"}[5m]))';
      p.indicators[1].query = 'sum by (service) (x{service=~"${service:csv}"}) / sum by (service) (y{z=~"[[z:]]"})';
      p.sla.errorRatioQuery = 'sum by (service) (rate(x{service=~"${service:json}"}[${window:text}]))';
    }),
    mutate('viewer variables outside double quotes', (p) => {
      p.indicators[0].query = "sum by (service) (rate(x{service=~'$service'}[5m]))";
      p.domains.domainTimeQuery = 'sum by (service, domain) (rate(x{service=~"$service", domain=~`${domain}`}[5m]))';
      p.sla.errorRatioQuery = 'sum by (service) (rate(x{service=~"$service"}[$window])) # for [[service]]';
    }),
    mutate('weights and thresholds past 1e12', (p) => {
      p.indicators[0].weight = 1e308;
      p.indicators[1].weight = 1e308;
      p.indicators[2].critical = -1.7e308;
      p.domains.system.target = 1e13;
    }),
    mutate('weights and thresholds of 1e12 are fine', (p) => {
      p.indicators[0].weight = 1e12;
      p.indicators[1].weight = 1e12;
      p.indicators[2].critical = 1e12;
      p.indicators[2].warning = 1e11;
    }),
    mutate('durations past 10y', (p) => {
      p.sla.period = '300y';
      p.sla.burnRateTiers[0].longWindow = '584y50w';
      p.domains.baselineOffset = '11y';
    }),
    mutate('bad PromQL in domain and SLA queries', (p) => {
      p.domains.totalTimeQuery = 'sum(';
      p.sla.errorRatioQuery = 'rate(x[$window]) /';
    }),
    mutate('empty query the domain mode needs', (p) => {
      p.domains.mode = 'baseline';
      p.domains.domainLatencyQuery = ' ';
      p.domains.totalTimeQuery = '';
    }),
    mutate('unknown domain mode', (p) => (p.domains.mode = 'ratio')),
    mutate('bad domain thresholds and override', (p) => {
      p.domains.defaults.warning = 6;
      p.domains.overrides = {
        compliance_evaluation: { target: 3, warning: 2, critical: 1 },
        quality_validation: 'strict',
      };
      p.domains.system = { target: 4.7, warning: 'seven', critical: 10 };
    }),
    mutate('unparsable windows and durations', (p) => {
      p.domains.baselineOffset = '7 days';
      p.sla.period = '30';
      p.sla.mttrTarget = '5min';
      p.sla.burnRateTiers[0].longWindow = '1hour';
      p.sla.burnRateTiers[1].shortWindow = '';
    }),
    mutate('calendar month period is fine', (p) => (p.sla.period = 'month')),
    mutate('short window not shorter than long', (p) => (p.sla.burnRateTiers[2].shortWindow = '1d')),
    mutate('SLA numbers out of range', (p) => {
      p.sla.target = 100;
      p.sla.latencyThreshold = 0;
      p.sla.latencyTarget = 101;
      p.sla.burnRateTiers[3].budgetFraction = 1.5;
    }),
    mutate('tiers: duplicate name, bad severity, bad enabled', (p) => {
      p.sla.burnRateTiers[1].name = 'fast-burn';
      p.sla.burnRateTiers[2].severity = 'page';
      p.sla.burnRateTiers[3].enabled = 'no';
    }),
    mutate('sections of the wrong type', (p) => {
      p.domains = [];
      p.sla = 'strict';
    }),
    mutate('budget policy out of order and out of range', (p) => {
      p.sla.budgetPolicy = {
        warnSpent: 80,
        pageSpent: 60,
        freezeSpent: 120,
        freezeExhaustion: '3 days',
        windows: ['1h', 'x', '1h'],
      };
    }),
    mutate('budget policy windows empty', (p) => (p.sla.budgetPolicy.windows = [])),
    mutate('budget policy not an object', (p) => (p.sla.budgetPolicy = 3)),
    mutate('budget policy absent takes the defaults', (p) => delete p.sla.budgetPolicy),
    mutate('absent sections take the defaults', (p) => {
      delete p.domains;
      delete p.sla;
      delete p.aggregation;
    }),
    mutate('many problems at once', (p) => {
      p.aggregation = 'avg';
      p.serviceLabel = 'app.name';
      p.indicators[0].warning = 2;
      p.indicators[1].weight = -1;
      p.indicators[2].query = 'rate(';
      p.indicators[4].id = 'latency_p95';
      p.indicators[4].key = 'yes';
      p.sla.burnRateTiers[0].budgetFraction = 0;
    }),
  ];
}

/** A server's spellings of bounds: Prometheus 3 writes integral bounds as "1.0". */
const spelled = (buckets: number[]): Array<[number, string]> =>
  buckets.map((b) => [b, Number.isInteger(b) ? `${b}.0` : String(b)]);

function presetsCases(): VectorCase[] {
  const cases: VectorCase[] = [];
  const http = catalogue.presets.filter((p): p is HttpPreset => p.kind === 'http');
  // Every query of every HTTP preset, for a few service labels, with the catalogue's buckets or the server's.
  for (const p of http) {
    for (const label of ['job', 'service_name', 'destination_service_name']) {
      cases.push({
        name: `http ${p.id} by ${label}`,
        input: { kind: 'http', preset: p.id, label, latencyThreshold: 0.2 },
      });
    }
    const found = p.duration.buckets.filter((_, i) => i % 2 === 0);
    cases.push({
      name: `http ${p.id}, the server's buckets and spellings`,
      input: {
        kind: 'http',
        preset: p.id,
        label: 'job',
        latencyThreshold: 0.25,
        buckets: found,
        spellings: spelled(found),
      },
    });
  }
  // The latency-SLO threshold against each preset's buckets: on a bound, between bounds, below the first bound,
  // above the last, on an integral bound; with and without the server's spellings.
  for (const p of http) {
    const s = p.duration.unit === 'ms' ? 1000 : 1;
    const b = p.duration.buckets;
    const mid = b[Math.floor(b.length / 2)];
    const thresholds: Array<[string, number]> = [
      ['the default 0.2 s', 0.2],
      ['on a bound', mid / s],
      ['between two bounds', (mid + b[Math.floor(b.length / 2) + 1]) / 2 / s],
      ['a third of the way between two bounds', (2 * b[1] + b[2]) / 3 / s],
      ['below the first bound', b.find((x) => x > 0)! / 3 / s],
      ['far below the first bound', 1e-9],
      ['above the last bound', (b[b.length - 1] * 3) / s],
    ];
    const integral = b.find((x) => x > 0 && Number.isInteger(x));
    if (integral !== undefined) {
      thresholds.push(['on an integral bound', integral / s]);
    }
    for (const [what, threshold] of thresholds) {
      for (const spellings of [undefined, spelled(b)]) {
        cases.push({
          name: `fit ${p.id}: ${what}${spellings ? ", the server's spellings" : ''}`,
          input: {
            kind: 'fit',
            preset: p.id,
            label: 'job',
            threshold,
            buckets: b,
            ...(spellings ? { spellings } : {}),
          },
        });
      }
    }
  }
  // Numbers JavaScript writes its own way: a weight that is a tie at 12 digits (rounded up), exponents.
  const custom: Array<[string, number, number[]]> = [
    ['a weight on a tie at the 12th digit (3.814697265625e-6)', 2 ** -18, [1]],
    ['a weight on a tie, between bounds', 0.5 + 2 ** -18, [0.5, 1.5]],
    ['a tiny weight written with an exponent', 1e-9, [0.005]],
    ['bounds of 1e21 and more', 5e21, [1e21, 1e22]],
    ['a bound of 0', 0.001, [0, 0.0025]],
    ['thirds', 0.2, [0.1, 0.4]],
    ['an infinite bound is left out', 6, [1, 5, Infinity]],
    ['no finite bound on the server: the preset default buckets', 0.2, [Infinity]],
    ['no bound at all: the preset default buckets', 0.3, []],
  ];
  const flask = http.find((p) => p.id === 'flask')!;
  for (const [what, threshold, buckets] of custom) {
    cases.push({
      name: `fit flask: ${what}`,
      input: { kind: 'fit', preset: flask.id, label: 'job', threshold, buckets: buckets.map(encode) },
    });
  }
  for (const p of catalogue.presets.filter((x) => x.kind === 'resources')) {
    for (const label of ['job', 'container', 'service']) {
      cases.push({ name: `resources ${p.id} by ${label}`, input: { kind: 'resources', preset: p.id, label } });
    }
  }
  // applyPresets on the default profile and on a base of one's own.
  const base = defaultProfile();
  base.sla.latencyThreshold = 0.3;
  base.indicators[2].query = 'avg by (job) (cpu_busy_percent{job=~"$service"})';
  base.indicators.push({ ...base.indicators[5], id: 'queue', name: 'Queue', query: 'sum by (job) (queue_depth)' });
  base.domains.overrides = { checkout: { target: 2, warning: 4, critical: 6 } };
  const choices: Array<[string, Record<string, unknown>]> = [
    ['nothing chosen', { serviceLabel: 'app' }],
    [
      'prometheus-client and node-exporter',
      { serviceLabel: 'service', http: 'prometheus-client', resources: 'node-exporter' },
    ],
    ['otel-http and process', { serviceLabel: 'job', http: 'otel-http', resources: 'process' }],
    [
      "otel-http-legacy, the server's buckets",
      { serviceLabel: 'job', http: 'otel-http-legacy', buckets: [0, 100, 250], spellings: spelled([0, 100, 250]) },
    ],
    ['istio and cadvisor', { serviceLabel: 'destination_service_name', http: 'istio', resources: 'cadvisor' }],
    ['resources only', { serviceLabel: 'container', resources: 'cadvisor' }],
    ...http.map((p): [string, Record<string, unknown>] => [p.id, { serviceLabel: p.serviceLabel, http: p.id }]),
  ];
  for (const [what, choice] of choices) {
    cases.push({ name: `apply ${what}`, input: { kind: 'apply', choice } });
  }
  for (const [what, choice] of choices.slice(1, 4)) {
    cases.push({ name: `apply ${what} on a base of one's own`, input: { kind: 'apply', choice, base } });
  }
  return cases;
}

const bandStepCases = (): VectorCase[] => [
  { name: 'score', input: { kind: 'score' } },
  ...thresholdSets.map(([name, direction, thresholds]) => ({
    name: `${name} (${direction} is better)`,
    input: { kind: 'value', direction, thresholds },
  })),
  ...(
    [
      ['thirds that do not add up in binary', 'lower', { target: 0.1, warning: 0.3, critical: 0.7 }],
      ['negative values', 'lower', { target: -5, warning: -2, critical: 0 }],
      ['a crossing at zero', 'higher', { target: 3, warning: 0, critical: -3 }],
      ['large values', 'lower', { target: 1e9, warning: 3e9, critical: 1e10 }],
    ] as Array<[string, Direction, Thresholds]>
  ).map(([name, direction, thresholds]) => ({ name, input: { kind: 'value', direction, thresholds } })),
];

function breachCases(): VectorCase[] {
  const cases: VectorCase[] = [];
  for (const [name, direction, t] of thresholdSets.slice(0, 2).concat(thresholdSets.slice(6, 7))) {
    const s = direction === 'lower' ? 1 : -1;
    const values: Array<[string, number | null]> = [
      ['at target', t.target],
      ['at warning', t.warning],
      ['just past warning', t.warning + s * Math.abs(t.warning - t.target) * 1e-6],
      ['at critical', t.critical],
      ['just past critical', t.critical + s * Math.abs(t.critical - t.warning) * 1e-6],
      ['far past critical', t.critical + s * 10 * Math.abs(t.critical - t.target)],
      ['no data', null],
    ];
    for (const band of ['critical', 'warning', 'info'] as const) {
      for (const [what, value] of values) {
        cases.push({
          name: `${name} ${what}, ${band}`,
          input: { value: encode(value), direction, thresholds: t, band },
        });
      }
    }
  }
  cases.push({
    name: 'NaN is no data',
    input: { value: 'NaN', direction: 'lower', thresholds: thresholdSets[0][2], band: 'critical' },
  });
  return cases;
}

function objectiveCases(): VectorCase[] {
  const sla = { target: 99.9, latencyTarget: 95, mttrTarget: '5m' };
  const c = (name: string, objective: string, value: Encoded, s: Json = sla) => ({
    name,
    input: { objective, value, sla: s },
  });
  return [
    c('availability on target', 'availability', 99.9),
    c('availability just under', 'availability', 99.89999),
    c('availability without data', 'availability', null),
    c('availability without a target', 'availability', 99.95, { latencyTarget: 95 }),
    c('budget untouched', 'budget', 1),
    c('budget spent exactly', 'budget', 0),
    c('budget overspent', 'budget', -0.01),
    c('budget NaN', 'budget', 'NaN'),
    c('latency compliance on target', 'latency', 0.95),
    c('latency compliance under', 'latency', 0.9499),
    // 100 x 0.29 is 28.999999999999996 in binary: the threshold is in the value's unit (0.29), so 0.29 meets it.
    c('latency compliance 0.29 against 29 %', 'latency', 0.29, { ...sla, latencyTarget: 29 }),
    c('latency compliance 0.57 against 57 %', 'latency', 0.57, { ...sla, latencyTarget: 57 }),
    c('MTTR on target', 'mttr', 300e3),
    c('MTTR over', 'mttr', 300001),
    c('MTTR without data', 'mttr', null),
    c('MTTR target not a duration', 'mttr', 1000, { ...sla, mttrTarget: 'soon' }),
  ];
}

function gateCases(): VectorCase[] {
  const rule = { minScore: 70, allowMissing: false };
  const c = (name: string, score: Encoded, keys: Array<[string, Encoded]>, r: Json = rule) => ({
    name,
    input: { score, keys: keys.map(([id, subScore]) => ({ id, subScore })), rule: r },
  });
  return [
    c('passes', 85, [['error_rate', 100]]),
    c('on the minimum score', 70, []),
    c('below the minimum score', 69.999, []),
    c('a key indicator critical', 90, [
      ['error_rate', 49.99],
      ['availability', 100],
    ]),
    c('a key indicator on the critical floor', 90, [['error_rate', 50]]),
    c('two key indicators critical', 40, [
      ['error_rate', 10],
      ['availability', 0],
    ]),
    c('no score', null, [['error_rate', 100]]),
    c('no score, missing allowed', null, [], { ...rule, allowMissing: true }),
    c('a key indicator without data', 95, [['error_rate', null]]),
    c('a key indicator without data, missing allowed', 95, [['error_rate', null]], { ...rule, allowMissing: true }),
    c('NaN is no data', 'NaN', [['error_rate', 'NaN']]),
    c('no key indicators, minScore 0', 0, [], { ...rule, minScore: 0 }),
  ];
}

function variableCases(): VectorCase[] {
  const vars = {
    service: 'checkout|payments',
    domain: '.*',
    __rate_interval: '5m',
    window: '1h',
    latencyThreshold: '0.2',
  };
  const c = (name: string, query: string, v: Record<string, string> = vars) => ({ name, input: { query, vars: v } });
  return [
    c('$name', 'rate(x{service=~"$service"}[$__rate_interval])'),
    c('${name}', 'rate(x{service=~"${service}"}[${window}])'),
    c('${name:regex}', 'x{service=~"${service:regex}", domain=~"${domain:regex}"}'),
    c('${name:pipe} and ${name:raw}', 'x{service=~"${service:pipe}"} or y{service=~"${service:raw}"}'),
    c('[[name]] and [[name:regex]]', 'x{service=~"[[service]]"} / y{service=~"[[service:regex]]"}'),
    c('a format PerfScope does not fill in stays', 'x{service=~"${service:csv}"}'),
    c('an empty format stays', 'x{service=~"${service:}"} or y{service=~"[[service:]]"}'),
    c('an unknown variable stays', 'x{team=~"$team"}[$__range]'),
    c('a longer name is another variable', 'x{service=~"$services"}'),
    c(
      '$1 in label_replace is a regex group',
      'label_replace(x{service=~"$service"}, "host", "$1", "instance", "(.*):.*")'
    ),
    c('values are inserted as they are', 'x{le="$latencyThreshold"}', { latencyThreshold: '$1 ${x} [[y]]' }),
    c('no variables', 'sum(rate(http_requests_total[5m]))'),
  ];
}

function quotingCases(): VectorCase[] {
  const c = (name: string, query: string, value = 'checkout') => ({ name, input: { query, value } });
  const injection = "x'} or vector(666) or up{a='";
  return [
    c('double-quoted is safe', 'rate(x{service=~"$service", domain=~"${domain:regex}"}[$__rate_interval])'),
    c('single-quoted is refused', "up{service=~'$service'}", injection),
    c('backtick-quoted is refused', 'up{service=~`${service}`}', 'x` or vector(666) or up{a=`'),
    c('bare is refused', 'x and on (service) label_replace(y, "service", "$1", "s", "(.*)") * [[domain]]'),
    c('an escaped double quote stays inside the string', String.raw`x{a="\"$service"}`, 'a"b\\c\nd'),
    c('an escaped single quote does not end the string', String.raw`x{a='it\'s $service'}`),
    c('a variable right after an escaping backslash is refused', String.raw`x{a="\$domain"}`, '"'),
    c('a comment is safe', 'x{service=~"$service"} # by $domain, see [[service]]'),
    c('a double quote inside single quotes opens nothing', `x{a='"', b=~'$service'}`),
    c('other variables are not viewer variables', "rate(x{le='$latencyThreshold'}[$window]) > $threshold"),
    c('the regex group $1 is no variable', `label_replace(x, "service", "$1", "job", "(.*)")`),
  ];
}

const periodWindowCases = (): VectorCase[] =>
  (
    [
      ['30d', '2026-01-31T00:00:00Z'],
      ['7d', '2026-03-15T12:34:56Z'],
      ['1h30m', '2026-03-15T12:34:56Z'],
      ['month', '2026-01-31T00:00:00Z'],
      ['month', '2026-02-01T00:00:00Z'],
      ['month', '2026-02-01T00:00:00.001Z'],
      ['month', '2026-03-15T12:34:56Z'],
      ['month', '2028-02-29T23:59:59Z'],
    ] as Array<[string, string]>
  ).map(([period, at]) => ({ name: `${period} at ${at}`, input: { period, at } }));

function calendarCases(): VectorCase[] {
  const hour = 3600e3;
  // Six-hourly samples from 2026-01-30 06:00 to 2026-02-02 00:00 UTC: the end of January and the start of February.
  const grid = { start: Date.UTC(2026, 0, 30, 6), step: 6 * hour, length: 12 };
  const requests = Array.from({ length: grid.length }, (_, k) => 10 + k);
  const errors = requests.map((r, k) => (k % 4 === 0 ? r * 0.002 : r * 0.0005));
  const gaps = <T>(xs: T[], at: number[], v: T) => xs.map((x, k) => (at.includes(k) ? v : x));
  const c = (name: string, input: Json) => ({
    name,
    input: { grid, errors, requests, target: 99.9, from: '2026-01-30T06:00:00Z', ...input },
  });
  return [
    c('two months, the range from the 30th', {}),
    c('the range from the 1st of February', { from: '2026-02-01T00:00:00Z' }),
    c('the range from before the 1st of January', { from: '2025-12-31T00:00:00Z' }),
    c('gaps in the errors and the requests', {
      errors: gaps(errors.map(encode), [2, 9], 'NaN'),
      requests: gaps(requests.map(encode), [3], null),
    }),
    c('no requests in January', { requests: requests.map((r, k) => (k < 7 ? 0 : r)) }),
    c('a target of 99.5', { target: 99.5 }),
    c('a month covered whole', {
      grid: { start: Date.UTC(2026, 1, 1), step: 7 * 24 * hour, length: 4 },
      errors: [1, 2, 3, 4],
      requests: [1000, 1000, 1000, 1000],
    }),
  ];
}

export const vectorCases: Record<string, () => VectorCase[]> = {
  subscore: subscoreCases,
  bands: bandCases,
  'band-steps': bandStepCases,
  breach: breachCases,
  objectives: objectiveCases,
  gate: gateCases,
  variables: variableCases,
  quoting: quotingCases,
  'period-window': periodWindowCases,
  calendar: calendarCases,
  composite: compositeCases,
  overhead: overheadCases,
  sla: slaCases,
  'budget-policy': budgetPolicyCases,
  'policy-rollup': policyRollupCases,
  'latency-compliance': latencyCases,
  mttr: mttrCases,
  series: seriesCases,
  durations: durationCases,
  validation: validationCases,
  presets: presetsCases,
  groups: groupCases,
  'group-validation': groupValidationCases,
};
