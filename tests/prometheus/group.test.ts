// `perfscope check --group` (the built CLI) against the fixture Prometheus: every group of the fixture portfolio
// gives the score, band, rules and members of testdata/profiles/portfolio-expected.json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { perfscope } from '../helpers/cli';
import { fixtureUrl as url } from '../helpers/fixturePrometheus';

interface Expected {
  score: number | null;
  band: string;
  cappedBy: string | null;
  rulesHeld: number[];
  rules: Array<{ count: number; held: boolean }>;
  members: Array<{ kind: string; id: string; score: number | null; band: string }>;
  noData: string[];
}
const testdata = join(__dirname, '../../testdata');
const expected: { groups: Record<string, Expected> } = JSON.parse(
  readFileSync(join(testdata, 'profiles/portfolio-expected.json'), 'utf8')
);
const { evalTime } = JSON.parse(readFileSync(join(testdata, 'scenarios/expected.json'), 'utf8'));
const profile = join(testdata, 'profiles/portfolio.json');
const MIN_SCORE = 70;

const checkWith = (profileFile: string, ...args: string[]) =>
  perfscope(
    'check',
    '--prometheus',
    url(),
    '--at',
    evalTime,
    '--profile',
    profileFile,
    '--min-score',
    `${MIN_SCORE}`,
    ...args
  );
const check = (...args: string[]) => checkWith(profile, ...args);

describe.each(Object.entries(expected.groups))('perfscope check --group %s', (id, x) => {
  it('gives the expected score, band, rules, members and exit code', async () => {
    const r = await check('--group', id, '--json');
    const report = JSON.parse(r.stdout);
    const fails = x.score === null || x.band === 'critical' || x.score < MIN_SCORE;
    expect([id, r.code]).toEqual([id, fails ? 1 : 0]);
    if (x.score === null) {
      expect(report.score).toBeNull();
    } else {
      expect(report.score).toBeCloseTo(x.score, 9);
    }
    expect([report.band, report.cappedBy, report.rulesHeld, report.noData]).toEqual([
      x.band,
      x.cappedBy,
      x.rulesHeld,
      x.noData,
    ]);
    expect(report.rules.map((rule: Expected['rules'][number]) => [rule.count, rule.held])).toEqual(
      x.rules.map((rule) => [rule.count, rule.held])
    );
    expect(report.members.map((m: Expected['members'][number]) => `${m.kind} ${m.id} ${m.band}`)).toEqual(
      x.members.map((m) => `${m.kind} ${m.id} ${m.band}`)
    );
    if (fails) {
      expect(r.stderr).toMatch(`perfscope: unhealthy: group ${id}: `);
    }
  });
});

describe('perfscope check --group in words', () => {
  it('prints the score, band, each rule held or missed and the members', async () => {
    const r = await check('--group', 'checkout');
    const x = expected.groups.checkout;
    expect(r.stdout).toContain(`Checkout (checkout): score ${x.score!.toFixed(1)}, ${x.band}`);
    expect(r.stdout).toContain('rule held    critical when at least 2 members are warning or worse (2 of 3)');
    expect(r.stdout).toContain('rule missed  critical when at least 3 members are warning or worse (2 of 3)');
    expect(r.stdout).toMatch(/payments +group +81\.3 +warning +1, key/);
  });

  it('refuses an unknown group, and --service or --range with --group (exit 2)', async () => {
    const unknown = await check('--group', 'nowhere');
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringContaining(
        '--group "nowhere" names no group of the profile (its groups: platform, payments, checkout, archive)'
      ),
    ]);
    const both = await check('--group', 'checkout', '--service', 'healthy');
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--group takes no --service')]);
    const ranged = await check('--group', 'checkout', '--range', '1h');
    expect([ranged.code, ranged.stderr]).toEqual([2, expect.stringContaining('--group takes no --range')]);
  });

  it('takes a group by its name in any case, and refuses a name two groups share (exit 2)', async () => {
    const byName = await check('--group', 'CHECKOUT');
    expect(byName.stdout).toContain(`Checkout (checkout): score ${expected.groups.checkout.score!.toFixed(1)}`);
    const twice = JSON.parse(readFileSync(profile, 'utf8'));
    twice.groups.find((g: { id: string }) => g.id === 'payments').name = 'Checkout';
    const dir = mkdtempSync(join(tmpdir(), 'perfscope-group-'));
    try {
      writeFileSync(join(dir, 'profile.json'), JSON.stringify(twice));
      const shared = await checkWith(join(dir, 'profile.json'), '--group', 'Checkout');
      expect([shared.code, shared.stderr]).toEqual([
        2,
        expect.stringContaining('--group "Checkout" is the name of 2 groups (payments, checkout): give one id'),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('perfscope check --group --budget', () => {
  const scenarios: Record<string, { values: { budget: { policyState: string } } }> = JSON.parse(
    readFileSync(join(testdata, 'scenarios/expected.json'), 'utf8')
  ).scenarios;
  // The services' states come from expected.json (budget-burn, degraded and incident freeze; healthy and
  // domain-overhead warn); a group's is its worst service's, and no data when a service has none.
  const groupStates: Record<string, string> = { platform: 'freeze', checkout: 'freeze', archive: 'nodata' };

  it.each(Object.entries(groupStates))('%s: the policy of each service and the worst of them', async (id, state) => {
    const r = await check('--group', id, '--budget', '--json');
    const report = JSON.parse(r.stdout);
    expect([id, report.budget.state, r.code]).toEqual([id, state, 1]);
    for (const b of report.budget.services) {
      expect([b.service, b.state]).toEqual([b.service, scenarios[b.service]?.values.budget.policyState ?? 'nodata']);
    }
    expect(r.stderr).toContain(`perfscope: unhealthy: group ${id}: error-budget policy ${state}`);
  });

  it('prints the group policy and each service in words', async () => {
    const r = await check('--group', 'payments', '--budget');
    expect(r.stdout).toContain("error-budget policy: freeze (the worst of its services')");
    expect(r.stdout).toContain('budget-burn: freeze, 80.0 % of the 30d error budget spent');
    expect(r.stderr).toContain('group payments: error-budget policy freeze (budget-burn, degraded)');
  });
});
