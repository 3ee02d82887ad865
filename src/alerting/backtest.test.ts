/** @jest-environment node */
import { defaultProfile } from '../scoring';
import { backtestRules } from './backtest';

describe('backtestRules', () => {
  it("replays the default profile's score, indicator and tier rules and names the others", () => {
    const { rules, skipped } = backtestRules(defaultProfile());
    const kinds = rules.map(
      (r) =>
        `${r.watch.kind}:${'tier' in r.watch ? r.watch.tier : 'indicator' in r.watch ? r.watch.indicator : ''}:${r.severity}:${r.for}`
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'score::critical:5m',
        'score::info:15m',
        'indicator:error_rate:critical:5m',
        'indicator:cpu:warning:15m',
        'tier:fast-burn:critical:0s',
        'tier:slow-drain:info:0s',
      ])
    );
    expect(rules.filter((r) => r.watch.kind === 'tier')).toHaveLength(4);
    expect(skipped).toEqual(expect.arrayContaining(['PerfScopeKeyIndicatorNoData', 'PerfScopeSystemOverheadCritical']));
  });

  it('leaves out a disabled tier', () => {
    const p = defaultProfile();
    p.sla.burnRateTiers[0].enabled = false;
    expect(backtestRules(p).rules.some((r) => r.watch.kind === 'tier' && r.watch.tier === 'fast-burn')).toBe(false);
  });
});
