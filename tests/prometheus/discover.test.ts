// `perfscope discover` (the built CLI) over the fixture scenarios proposes a profile with which `perfscope
// check` gives every scenario the values and score of testdata/scenarios/expected.json: under
// scripts/with-prometheus.sh and, on each other engine, under scripts/with-engine.sh.
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { perfscope } from '../helpers/cli';
import { fixtureUrl as url } from '../helpers/fixturePrometheus';

interface Scenario {
  service: string;
  values: { indicators: Record<string, number> };
  expect: { score: number; band: string };
}
const expected: { evalTime: string; scenarios: Record<string, Scenario> } = JSON.parse(
  readFileSync(join(__dirname, '../../testdata/scenarios/expected.json'), 'utf8')
);

const dir = mkdtempSync(join(tmpdir(), 'perfscope-discover-'));
const profile = join(dir, 'profile.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('discover writes a profile for the "service" label, and check scores every scenario as expected with it', async () => {
  const d = await perfscope('discover', '--prometheus', url(), '--at', expected.evalTime, '--out', profile);
  expect([d.code, d.stderr]).toEqual([0, expect.stringContaining(`wrote ${profile}`)]);
  expect(d.stdout).toContain('services: 5 named by the label "service"');

  const c = await perfscope('check', '--prometheus', url(), '--at', expected.evalTime, '--profile', profile, '--json');
  const reports: Array<{
    service: string;
    score: number;
    band: string;
    indicators: Array<{ id: string; value: number }>;
  }> = JSON.parse(c.stdout).services;
  const scenarios = Object.values(expected.scenarios);
  expect(reports.map((r) => r.service)).toEqual(scenarios.map((s) => s.service).sort());
  for (const s of scenarios) {
    const r = reports.find((x) => x.service === s.service)!;
    expect([s.service, r.score, r.band]).toEqual([s.service, expect.closeTo(s.expect.score, 9), s.expect.band]);
    for (const ind of r.indicators) {
      expect([s.service, ind.id, ind.value]).toEqual([
        s.service,
        ind.id,
        expect.closeTo(s.values.indicators[ind.id], 9),
      ]);
    }
  }
});
