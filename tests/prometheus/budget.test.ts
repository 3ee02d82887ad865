// `perfscope check --budget` (the built CLI) against the fixture Prometheus: each scenario's budget spent, burn
// rates, projected exhaustion per window and policy state are testdata/scenarios/expected.json's, and the exit code
// follows the policy (page, freeze and no data fail; ok and warn pass).
import { readFileSync } from 'fs';
import { join } from 'path';

import { perfscope } from '../helpers/cli';
import { fixtureUrl as url } from '../helpers/fixturePrometheus';

interface Budget {
  spentPercent: number;
  burnRate: Record<string, number>;
  exhaustionSeconds: Record<string, number | null>;
  policyState: string;
}
const expected: { evalTime: string; scenarios: Record<string, { service: string; values: { budget: Budget } }> } =
  JSON.parse(readFileSync(join(__dirname, '../../testdata/scenarios/expected.json'), 'utf8'));

const check = (...args: string[]) =>
  perfscope('check', '--prometheus', url(), '--at', expected.evalTime, '--budget', ...args);

describe.each(Object.values(expected.scenarios).map((s) => [s.service, s.values.budget] as const))(
  'perfscope check --budget --service %s',
  (service, x) => {
    it('gives the expected spent, burn rates, exhaustion, state and exit code', async () => {
      const r = await check('--service', service, '--json');
      const [report] = JSON.parse(r.stdout);
      expect([report.service, report.state]).toEqual([service, x.policyState]);
      expect(report.spent).toBeCloseTo(x.spentPercent, 9);
      for (const w of report.windows) {
        expect([w.window, w.burnRate]).toEqual([w.window, expect.closeTo(x.burnRate[w.window], 9)]);
        const seconds = x.exhaustionSeconds[w.window];
        expect([w.window, w.exhaustionSeconds]).toEqual([
          w.window,
          seconds === null ? null : expect.closeTo(seconds, 3),
        ]);
      }
      expect(report.windows.map((w: { window: string }) => w.window)).toEqual(['1h', '6h', '1d']);
      const fails = x.policyState === 'page' || x.policyState === 'freeze';
      expect([service, r.code]).toEqual([service, fails ? 1 : 0]);
      if (x.policyState === 'warn') {
        expect(r.stderr).toContain(`perfscope: warning: ${service}: error-budget policy warn`);
      }
    });
  }
);

describe('perfscope check --budget in words', () => {
  it('prints budget-burn: freeze, 80 % spent, gone in 41.1 h at 3.5x; exit 1', async () => {
    const r = await check('--service', 'budget-burn');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('budget-burn: freeze, 80.0 % of the 30d error budget spent');
    expect(r.stdout).toMatch(/1h +3\.50x +in 41\.1 h/);
    expect(r.stderr).toContain(
      'perfscope: unhealthy: budget-burn: error-budget policy freeze (80.0 % spent; at the 1h burn rate the budget is gone in 41.1 h)'
    );
  });

  it('fails a service without data, and refuses --budget with --range (exit 2)', async () => {
    const none = await check('--service', 'no-such-service');
    expect([none.code, none.stderr]).toEqual([
      1,
      expect.stringContaining('no service has data for the error-budget policy'),
    ]);
    const ranged = await check('--range', '1h');
    expect([ranged.code, ranged.stderr]).toEqual([2, expect.stringContaining('--budget takes no --range')]);
  });
});
