/** @jest-environment node */
import { baselineOverhead, overheadReport, shareOverhead, systemOverhead } from './overhead';
import { defaultProfile } from './profile/defaults';

const settings = defaultProfile().domains; // domains 1.5/3/5, system 4.7/7/10

describe('overhead percentages', () => {
  it('share mode: 100 x domain time / total time', () => {
    expect(shareOverhead(0.03, 1)).toBe(3);
    expect(shareOverhead(0, 2)).toBe(0);
    expect([shareOverhead(1, 0), shareOverhead(NaN, 1), shareOverhead(1, null)]).toEqual([null, null, null]);
  });

  it('baseline mode: 100 x (now - baseline) / baseline, negative when faster', () => {
    expect(baselineOverhead(0.012, 0.01)).toBeCloseTo(20, 12);
    expect(baselineOverhead(0.008, 0.01)).toBeCloseTo(-20, 12);
    expect([baselineOverhead(1, 0), baselineOverhead(Infinity, 1), baselineOverhead(1, undefined)]).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe('overheadReport', () => {
  it('bands each domain with its thresholds and the sum with the system thresholds', () => {
    const r = overheadReport(settings, {
      workflow_optimization: 1.5,
      compliance_evaluation: 3,
      quality_validation: 5.5,
    });
    expect(r.domains.map((d) => [d.name, d.overhead, d.subScore, d.band])).toEqual([
      ['compliance_evaluation', 3, 70, 'info'],
      ['quality_validation', 5.5, 45, 'critical'],
      ['workflow_optimization', 1.5, 100, 'ok'],
    ]);
    expect(r.system).toMatchObject({ overhead: 10, subScore: 50, band: 'warning' });
  });

  it('uses a domain override, and has no system total while a domain has no data', () => {
    const custom = { ...settings, overrides: { compliance_evaluation: { target: 4, warning: 6, critical: 8 } } };
    const r = overheadReport(custom, { compliance_evaluation: 3, strategic_reporting: null, system_complexity: 0.5 });
    expect(r.domains.map((d) => [d.name, d.band])).toEqual([
      ['compliance_evaluation', 'ok'],
      ['strategic_reporting', 'nodata'],
      ['system_complexity', 'ok'],
    ]);
    // 3.5 % of the two domains with data would read ok: the third one's share is unknown.
    expect(r.system).toMatchObject({ overhead: null, subScore: null, band: 'nodata' });
    const complete = overheadReport(custom, {
      compliance_evaluation: 3,
      strategic_reporting: 1.5,
      system_complexity: 0.5,
    });
    // 5 % against 4.7 / 7 / 10: 100 - 30 x 0.3 / 2.3
    expect(complete.system.overhead).toBeCloseTo(5, 12);
    expect(complete.system.subScore).toBeCloseTo(100 - (30 * 0.3) / 2.3, 12);
  });

  it('has a system overhead of no data when no domain has data', () => {
    expect(overheadReport(settings, { a: NaN }).system).toMatchObject({ overhead: null, band: 'nodata' });
    expect(overheadReport(settings, {}).domains).toEqual([]);
  });
});

describe('systemOverhead', () => {
  it('sums the domains in the order given, and is unknown when one has no data or there is none', () => {
    expect(systemOverhead([1.5, 2, 0.25])).toBe(3.75);
    // The order matters in floating point: the report's (by domain name) is the one every caller uses.
    expect(systemOverhead([0.1, 0.2, 0.3])).toBe(0.1 + 0.2 + 0.3);
    expect(systemOverhead([1, null])).toBeNull();
    expect(systemOverhead([1, NaN])).toBeNull();
    expect(systemOverhead([1, Infinity])).toBeNull();
    expect(systemOverhead([])).toBeNull();
  });
});
