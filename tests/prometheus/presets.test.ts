// Each preset's fixture, in exactly its library's shape and labelled the way Prometheus labels an unmodified
// scrape, served by its own fixture Prometheus (scripts/with-prometheus.sh --presets all): `perfscope discover`
// then `perfscope check` score it with no edits, and every value equals testdata/presets/expected.json.
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { rawSignals } from '../../src/alerting';
import { allowedErrorRatio, type Profile } from '../../src/scoring';
import { perfscope, root } from '../helpers/cli';
import { instant } from '../helpers/recordedPrometheus';

interface ServiceValues {
  indicators: Record<string, number>;
  errorRatio: Record<string, number>;
  latencyCompliance: number;
  domainOverhead: Record<string, number>;
  systemOverhead: number;
}
interface Fixture {
  presets: [string, string];
  serviceLabel: string;
  services: Record<string, ServiceValues>;
}
const expected: { evalTime: string; evalUnix: number; fixtures: Record<string, Fixture> } = JSON.parse(
  readFileSync(join(root, 'testdata/presets/expected.json'), 'utf8')
);

function servers(): Record<string, string> {
  const value = process.env.PERFSCOPE_PRESET_PROMETHEUS;
  if (!value) {
    throw new Error('PERFSCOPE_PRESET_PROMETHEUS is not set: run through scripts/with-prometheus.sh --presets all');
  }
  return JSON.parse(value);
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'perfscope-presets-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('has a fixture Prometheus for every fixture of expected.json', () => {
  expect(Object.keys(servers()).sort()).toEqual(Object.keys(expected.fixtures).sort());
});

describe.each(Object.entries(expected.fixtures))('preset fixture %s', (id, fixture) => {
  const url = () => servers()[id];
  const profilePath = () => join(dir, `${id}.json`);

  // cAdvisor names services by container; the HTTP preset's own label (job) is one constant scrape job there.
  const forced = fixture.presets[1] === 'cadvisor' ? ['--service-label', fixture.serviceLabel] : [];

  it('is recognised by discover, which writes a profile for its service label', async () => {
    const r = await perfscope(
      'discover',
      '--prometheus',
      url(),
      '--at',
      expected.evalTime,
      '--out',
      profilePath(),
      ...forced
    );
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining(`wrote ${profilePath()}`)]);
    expect(r.stdout).toContain(`HTTP metrics: ${fixture.presets[0]}\n`);
    expect(r.stdout).toContain(`CPU and memory: ${fixture.presets[1]}\n`);
    expect(r.stdout).toContain(
      `services: ${Object.keys(fixture.services).length} named by the label "${fixture.serviceLabel}"`
    );
    expect(r.stdout).not.toMatch(/^missing: /m);
    expect(discovered().serviceLabel).toBe(fixture.serviceLabel);
  });

  const discovered = (): Profile => JSON.parse(readFileSync(profilePath(), 'utf8'));
  /** Every service's `check --json` report with the discovered profile (--min-score 0: values, not the gate). */
  const checkReports = async (): Promise<Array<Record<string, any>>> => {
    const r = await perfscope(
      'check',
      '--prometheus',
      url(),
      '--at',
      expected.evalTime,
      '--profile',
      profilePath(),
      '--json',
      '--min-score',
      '0'
    );
    const report = JSON.parse(r.stdout);
    return report.services ?? [report];
  };

  it('scores every service with the values of expected.json, with no edits', async () => {
    const reports = await checkReports();
    expect(reports.map((s) => s.service)).toEqual(Object.keys(fixture.services).sort());
    const profile = discovered();
    const allowed = allowedErrorRatio(profile.sla.target);
    for (const s of reports) {
      const want = fixture.services[s.service];
      expect(s.missing).toEqual([]);
      for (const ind of s.indicators) {
        expect([s.service, ind.id, ind.value]).toEqual([s.service, ind.id, expect.closeTo(want.indicators[ind.id], 9)]);
      }
      for (const [window, rate] of Object.entries(s.sla.burnRates as Record<string, number>)) {
        expect([s.service, window, rate]).toEqual([
          s.service,
          window,
          expect.closeTo(want.errorRatio[window] / allowed, 9),
        ]);
      }
      expect(s.sla.availability).toBeCloseTo(100 * (1 - want.errorRatio['30d']), 9);
      expect(s.sla.latencyCompliance).toBeCloseTo(want.latencyCompliance, 9);
      for (const d of s.domains) {
        expect([s.service, d.name, d.overhead]).toEqual([
          s.service,
          d.name,
          expect.closeTo(want.domainOverhead[d.name], 9),
        ]);
      }
      expect(s.system.overhead).toBeCloseTo(want.systemOverhead, 9);
    }
  });

  it("gives the rule file's health score the CLI's, grouped by the service label", async () => {
    const rules = await instant(url(), rawSignals(discovered(), { rateWindow: '5m' }).health(), expected.evalUnix);
    const reports = await checkReports();
    expect(rules.map((s) => s.labels.service).sort()).toEqual(reports.map((s) => s.service));
    for (const s of reports) {
      expect([s.service, rules.find((x) => x.labels.service === s.service)!.value]).toEqual([
        s.service,
        expect.closeTo(s.score, 9),
      ]);
    }
  });
});
