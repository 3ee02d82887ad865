/** @jest-environment node */
import { budgetReport, exhaustionSeconds, failsPolicy, policyLevel, spentState } from './budget';
import { defaultProfile } from './profile/defaults';
import { parseProfile } from './profile/validate';

const sla = defaultProfile().sla; // 99.9 % over 30 days; warn 50, page 75, freeze 100 or under 3 days
const at = Date.UTC(2026, 0, 31);
const HOUR = 3600;

describe('budgetReport', () => {
  it('spends 80 % and projects 41.1 hours at a 3.5x burn: freeze (the budget-burn scenario)', () => {
    const r = budgetReport(sla, { period: 0.0008, '1h': 0.0035, '6h': 0.0035, '1d': 0.0035 }, at);
    expect(r.spent).toBeCloseTo(80, 9);
    expect(r.windows.map((w) => w.burnRate)).toEqual([3.5, 3.5, 3.5].map((v) => expect.closeTo(v, 9)));
    expect(r.windows[0].exhaustionSeconds! / HOUR).toBeCloseTo((0.2 * 30 * 24) / 3.5, 6);
    expect(r.state).toBe('freeze');
  });

  it('moves through ok, warn and page by the budget spent when nothing exhausts soon', () => {
    const state = (period: number) => budgetReport(sla, { period, '1h': 0, '6h': 0, '1d': 0 }, at).state;
    expect([0, 0.000499, 0.0005, 0.00075, 0.001].map(state)).toEqual(['ok', 'ok', 'warn', 'page', 'freeze']);
  });

  it('freezes when a window would exhaust the budget in under 3 days, not at 3 days', () => {
    // 50 % left of 30 days: a burn of 5 lasts exactly 3 days, a burn of 5.01 a little less.
    const r = (burn: number) => budgetReport(sla, { period: 0.0005, '1h': burn / 1000, '6h': 0, '1d': 0 }, at);
    expect(r(5).windows[0].exhaustionSeconds).toBeCloseTo(3 * 24 * HOUR, 6);
    expect(r(5).state).toBe('warn');
    expect(r(5.01).state).toBe('freeze');
  });

  it('is never ok without data', () => {
    expect(budgetReport(sla, {}, at)).toEqual({
      spent: null,
      windows: ['1h', '6h', '1d'].map((window) => ({ window, burnRate: null, exhaustionSeconds: null })),
      state: 'nodata',
    });
    expect(budgetReport(sla, { period: 0, '1h': 0, '6h': 0 }, at).state).toBe('nodata');
    expect(budgetReport(sla, { period: 0.0006, '1h': 0, '6h': 0 }, at).state).toBe('nodata');
    // What is known already pages: that stands.
    expect(budgetReport(sla, { period: 0.0008, '1h': 0 }, at).state).toBe('page');
  });

  it('finds windows written as other durations and the period by its own string', () => {
    const r = budgetReport(sla, { '30d': 0.0001, '60m': 0.0001, '360m': 0.0001, '24h': 0.0001 }, at);
    expect(r.spent).toBeCloseTo(10, 9);
    expect(r.state).toBe('ok');
  });
});

describe('exhaustionSeconds', () => {
  it('is 0 once spent and null when nothing burns or nothing is known', () => {
    expect(exhaustionSeconds(-0.5, 2, 1000)).toBe(0);
    expect(exhaustionSeconds(0.5, 0, 1000)).toBeNull();
    expect(exhaustionSeconds(0.5, null, 1000)).toBeNull();
    expect(exhaustionSeconds(null, 2, 1000)).toBeNull();
    expect(exhaustionSeconds(0.5, 2, 8000)).toBe(2);
  });
});

describe('policy', () => {
  it('numbers the states for alert measures, none for no data', () => {
    expect(['ok', 'warn', 'page', 'freeze', 'nodata'].map((s) => policyLevel(s as 'ok'))).toEqual([0, 1, 2, 3, null]);
    expect(spentState(sla.budgetPolicy, 120)).toBe('freeze');
  });

  it('fails the gate in page, freeze and without data; ok and warn pass', () => {
    const states = ['ok', 'warn', 'page', 'freeze', 'nodata'] as const;
    expect(states.filter(failsPolicy)).toEqual(['page', 'freeze', 'nodata']);
  });

  it('gives a profile without a policy the defaults and names a wrong field', () => {
    const { budgetPolicy: _, ...withoutPolicy } = sla;
    const base = { ...defaultProfile(), sla: withoutPolicy };
    expect(parseProfile(base).profile!.sla.budgetPolicy).toEqual(sla.budgetPolicy);
    const problems = parseProfile({ ...base, sla: { budgetPolicy: { warnSpent: 80, windows: [] } } }).problems;
    expect(problems.map((p) => p.message)).toEqual([
      'sla.budgetPolicy.pageSpent must be at least warnSpent',
      'sla.budgetPolicy.windows must be a non-empty list of durations',
    ]);
  });
});
