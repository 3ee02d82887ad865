/** @jest-environment node */
import { defaultProfile } from './profile/defaults';
import {
  allowedErrorRatio,
  budgetRemaining,
  burnRate,
  latencyCompliance,
  periodLength,
  periodStart,
  slaReport,
  tierFactor,
} from './sla';

const sla = defaultProfile().sla; // 99.9 % over 30 days
const at = Date.UTC(2025, 1, 10, 12); // 10 February 2025, 12:00 UTC
const steady = (r: number) => ({ '5m': r, '30m': r, '1h': r, '2h': r, '6h': r, '1d': r, '3d': r, period: r });

describe('slaReport', () => {
  it('gives availability and the error budget left', () => {
    const r = slaReport(sla, steady(0.0005), at);
    expect(r.availability).toBeCloseTo(99.95, 12);
    expect(r.budgetRemaining).toBeCloseTo(0.5, 12);
    expect(r.burnRates['1h']).toBeCloseTo(0.5, 12);
    expect(r.tiers.some((t) => t.firing)).toBe(false);
  });

  it('lets the budget go below zero', () => {
    const r = slaReport(sla, { period: 0.0025 }, at);
    expect(r.availability).toBeCloseTo(99.75, 12);
    expect(r.budgetRemaining).toBeCloseTo(-1.5, 12);
  });

  it('uses the default factors 14.4, 6, 3 and 1 on 30 days', () => {
    const r = slaReport(sla, {}, at);
    expect(r.tiers.map((t) => [t.name, t.severity])).toEqual([
      ['fast-burn', 'critical'],
      ['slow-burn', 'critical'],
      ['budget-drain', 'warning'],
      ['slow-drain', 'info'],
    ]);
    const factors = r.tiers.map((t) => t.factor);
    [14.4, 6, 3, 1].forEach((f, i) => expect(factors[i]).toBeCloseTo(f, 12));
    expect(r.availability).toBeNull();
    expect(r.tiers.every((t) => !t.firing && t.longBurnRate === null)).toBe(true);
  });

  it('fires a tier only when both windows burn strictly faster than its factor', () => {
    const fast = (long: number, short: number) =>
      slaReport(sla, { ...steady(0), '1h': long, '5m': short }, at).tiers.find((t) => t.name === 'fast-burn')!;
    expect(fast(0.0145, 0.02).firing).toBe(true);
    expect(fast(0.0143, 0.02).firing).toBe(false);
    expect(fast(0.02, 0.0143).firing).toBe(false);
    expect(fast(0.02, NaN).firing).toBe(false);
    // Exactly at the factor does not fire (numbers chosen to be exact in binary: allowed ratio 0.5, factor 1).
    const exact = { target: 50, period: '4h', burnRateTiers: [{ ...sla.burnRateTiers[0], budgetFraction: 0.25 }] };
    const tier = (long: number) => slaReport(exact, { '1h': long, '5m': 0.75 }, at).tiers[0];
    expect(tier(0.5)).toMatchObject({ factor: 1, longBurnRate: 1, firing: false });
    expect(tier(0.50001).firing).toBe(true);
  });

  it('does not fire a default tier whose burn rate sits exactly on its factor at 99.9 %', () => {
    // 1 - 99.9/100 is 0.00099999999999989 in binary: dividing by it would put 0.0144 above 14.4.
    const onFactor: Array<[string, string, string, number]> = [
      ['fast-burn', '1h', '5m', 0.0144],
      ['slow-burn', '6h', '30m', 0.006],
      ['budget-drain', '1d', '2h', 0.003],
      ['slow-drain', '3d', '6h', 0.001],
    ];
    for (const [name, long, short, ratio] of onFactor) {
      const state = (r: number) =>
        slaReport(sla, { ...steady(0), [long]: r, [short]: r }, at).tiers.find((t) => t.name === name)!;
      expect(state(ratio).firing).toBe(false);
      expect(state(ratio * 1.000001).firing).toBe(true);
    }
    expect(slaReport(sla, { period: 0.001 }, at).budgetRemaining).toBe(0);
  });

  it('finds a window by its duration when written differently', () => {
    const tier = slaReport(sla, { '60m': 0.002, '300s': 0.003 }, at).tiers[0];
    expect(tier.longBurnRate).toBeCloseTo(2, 9);
    expect(tier.shortBurnRate).toBeCloseTo(3, 9);
  });

  it('scales the factors with the calendar month', () => {
    const month = { ...sla, period: 'month' };
    expect(periodLength('month', at)).toBe(28 * 24 * 3600e3);
    expect(periodStart('month', at)).toBe(Date.UTC(2025, 1, 1));
    expect(tierFactor(sla.burnRateTiers[0], periodLength('month', at))).toBeCloseTo(13.44, 12);
    expect(slaReport(month, { month: 0.001 }, at).budgetRemaining).toBeCloseTo(0, 12);
    expect(periodStart('30d', at)).toBe(at - 30 * 24 * 3600e3);
  });

  it('leaves disabled tiers out', () => {
    const tiers = sla.burnRateTiers.map((t, i) => ({ ...t, enabled: i === 2 }));
    expect(slaReport({ ...sla, burnRateTiers: tiers }, {}, at).tiers.map((t) => t.name)).toEqual(['budget-drain']);
  });
});

describe('burnRate', () => {
  it('divides the error ratio by the allowed ratio', () => {
    expect(burnRate(0.001, 99.9)).toBeCloseTo(1, 12);
    expect(burnRate(0.05, 95)).toBeCloseTo(1, 12);
    expect(burnRate(null, 99.9)).toBeNull();
    expect(allowedErrorRatio(99.9)).toBe(0.001);
    expect(allowedErrorRatio(99.95)).toBe(0.0005);
    expect(allowedErrorRatio(99.999)).toBe(0.00001);
    expect(allowedErrorRatio(50)).toBe(0.5);
  });

  it('gives the budget left after an error ratio, as slaReport does', () => {
    expect(budgetRemaining(0.0005, 99.9)).toBe(0.5);
    expect(budgetRemaining(0.0025, 99.9)).toBeCloseTo(-1.5, 12);
    expect(budgetRemaining(NaN, 99.9)).toBeNull();
    expect(budgetRemaining(0.0007, 99.9)).toBe(slaReport(sla, { period: 0.0007 }, at).budgetRemaining);
  });
});

describe('latencyCompliance', () => {
  const buckets = [
    { le: 0.1, count: 80 },
    { le: 0.2, count: 95 },
    { le: 0.5, count: 99 },
    { le: Infinity, count: 100 },
  ];
  it('divides the threshold bucket by the +Inf bucket', () => {
    expect(latencyCompliance(buckets, 0.2)).toBe(0.95);
    expect(latencyCompliance(buckets, 0.5)).toBe(0.99);
  });
  it('is no data when the threshold is not a bucket bound or nothing was seen', () => {
    expect(latencyCompliance(buckets, 0.25)).toBeNull();
    expect(
      latencyCompliance(
        [
          { le: 0.2, count: 0 },
          { le: Infinity, count: 0 },
        ],
        0.2
      )
    ).toBeNull();
  });
});
