/** @jest-environment node */
import { buildPrometheusRules, DASHBOARDS } from '../alerting';
import { rulePeriodWindow } from '../alerting/signals';
import { defaultProfile, parseDuration, type Profile } from '../scoring';
import { OBJECTIVE_NAMES } from '../panels/sla/data/objectives';
import {
  generatedDashboards,
  loadDashboards,
  otherProfile,
  panelsOf,
  type DashboardFile,
  type Panel,
} from '../testing/dashboards';

// The executive SLA panel's own time range: its burn-down must span the SLA period and its calendar-month
// history a whole month, whatever range the dashboard shows, from rates that count every request once. For
// the default profile (dashboards/) and for others the generator builds: a 7-day SLA without the 30m tier
// window, and a calendar month.

const DAY = 24 * 3600e3;
const ms = (duration: string | undefined) => parseDuration(duration) ?? NaN;
const monthly = () => {
  const p = otherProfile();
  p.sla.period = 'month';
  return p;
};

describe.each([
  ['the default profile', defaultProfile(), loadDashboards()],
  ['another profile', otherProfile(), generatedDashboards(otherProfile())],
  ['a calendar-month SLA', monthly(), generatedDashboards(monthly())],
] as Array<[string, Profile, DashboardFile[]]>)('for %s', (_name, profile, dashboards) => {
  const executive = dashboards.find((d) => d.json.uid === DASHBOARDS.executive)!.json;
  const sla = panelsOf(executive).find((p) => p.type === 'perfscope-sla-panel')! as Panel & {
    timeFrom?: string;
    interval?: string;
    maxDataPoints?: number;
  };
  const expr = (refId: string) => sla.targets!.find((t) => t.refId === refId)!.expr!;

  it('covers the SLA period, whatever the dashboard range', () => {
    expect(executive.time).toEqual({ from: 'now-24h', to: 'now' });
    const period = profile.sla.period === 'month' ? 31 * DAY : ms(profile.sla.period);
    expect(ms(sla.timeFrom)).toBeGreaterThanOrEqual(period);
    expect(sla.hideTimeOverride).toBe(false);
  });

  it('always holds the whole previous calendar month (UTC), at any moment of any day', () => {
    const from = Date.UTC(2023, 0, 1);
    for (let now = from; now < from + 4 * 366 * DAY; now += DAY) {
      // The last millisecond of each day is the furthest from the previous month's start.
      const end = now + DAY - 1;
      const month = new Date(end);
      const previousMonth = Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1);
      expect([new Date(end).toISOString(), end - ms(sla.timeFrom) <= previousMonth]).toEqual([
        new Date(end).toISOString(),
        true,
      ]);
    }
  });

  it('reads the error ratio and requests over windows as long as its step, which the recording rules record', () => {
    const step = ms(sla.interval);
    const windows = (refId: string) =>
      [...expr(refId).matchAll(/window=~?"([\w|]+)"/g)].flatMap((m) => m[1].split('|'));
    // The period query holds the period's ratio and, for the error rate, the step's (the panel multiplies it by
    // the requests); there is no errors query of its own.
    expect(sla.targets!.map((t) => t.refId)).toEqual(['windows', 'period', 'latency', 'requests']);
    expect(windows('requests').map(ms)).toEqual([step]);
    expect(windows('period')).toEqual([...new Set([rulePeriodWindow(profile), ...windows('requests')])]);
    const recorded = (name: string) =>
      buildPrometheusRules(profile)
        .groups.flatMap((g) => g.rules)
        .filter((r) => 'record' in r && r.record === name)
        .map((r) => ('labels' in r ? r.labels?.window : undefined));
    expect(recorded('perfscope:error_ratio')).toEqual(expect.arrayContaining(windows('period')));
    expect(recorded('perfscope:requests_per_second')).toEqual(expect.arrayContaining(windows('requests')));
  });

  it('makes Grafana send that step: the interval is reached and within Prometheus 11,000 points', () => {
    const range = ms(sla.timeFrom);
    const step = ms(sla.interval);
    // Grafana takes the range over maxDataPoints, rounds it to a round interval (30m stays 30m) and never goes
    // below the panel's min interval; Prometheus refuses more than 11,000 points.
    expect(range / sla.maxDataPoints!).toBeLessThanOrEqual(step);
    expect(range / step).toBeLessThanOrEqual(11_000);
    expect(range % step).toBe(0);
  });
});

it('overrides only objectives the SLA panel shows, by the names it gives them', () => {
  const names = Object.values(OBJECTIVE_NAMES);
  const overridden = loadDashboards()
    .flatMap((d) => panelsOf(d.json))
    .filter((p) => p.type === 'perfscope-sla-panel')
    .flatMap((p) =>
      (
        (p as { fieldConfig?: { overrides?: Array<{ matcher: { id: string; options: string } }> } }).fieldConfig
          ?.overrides ?? []
      ).map((o) => o.matcher)
    );
  expect(overridden.length).toBeGreaterThan(0);
  for (const matcher of overridden) {
    expect(matcher.id).toBe('byName');
    expect(names).toContain(matcher.options);
  }
});
