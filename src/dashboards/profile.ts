import {
  alertCatalogue,
  buildPrometheusRules,
  RECORDED,
  resolveOptions,
  type AlertOptions,
  type AlertSpec,
  type PrometheusRuleFile,
} from '../alerting';
import { asService, rulePeriodWindow, tierWindows } from '../alerting/signals';
import {
  allowedErrorRatio,
  interpolate,
  metricNames,
  parseDuration,
  periodLength,
  scoreSteps,
  tierFactor,
  valueSteps,
  type Band,
  type BandStep,
  type BurnRateTier,
  type Indicator,
  type Profile,
} from '../scoring';
import { withOffset } from '../scoring/promql';

// Everything a dashboard takes from the profile: its queries (as Grafana runs them, `$service` and friends
// left for the dashboard's variables), the windows the recording rules record, thresholds as band steps, and
// the words descriptions quote them in. The panels (executive.ts, operations.ts, development.ts) read the
// profile only through here.

/** The values Grafana fills in itself or from the dashboards' variables. */
export const SERVICE_VARIABLE = '$service';
export const SLO_WINDOW_VARIABLE = '$slo_window';

export class ProfileParts {
  readonly label: string;
  readonly rules: PrometheusRuleFile;
  readonly alerts: AlertSpec[];
  readonly options: AlertOptions;

  constructor(readonly profile: Profile) {
    this.label = profile.serviceLabel;
    this.options = resolveOptions();
    // The same builders as `perfscope rules` and Apply: the dashboards read what these rules record and quote
    // what these alerts fire on.
    this.rules = buildPrometheusRules(profile, this.options);
    this.alerts = alertCatalogue(profile, this.options);
  }

  /** The indicator with this id (enabled or not: a panel shows its value either way), if the profile has it. */
  indicator(id: string): Indicator | undefined {
    return this.profile.indicators.find((i) => i.id === id);
  }

  /** The alert with this uid, if the profile has it. */
  alert(uid: string): AlertSpec | undefined {
    return this.alerts.find((a) => a.uid === uid);
  }

  // --- queries on the raw metrics ---

  /**
   * Requests per second per service: the `throughput` indicator's query, enabled or not, else the request
   * counter of docs/metrics.md (as src/alerting/signals.ts records requests per second).
   */
  throughputQuery(): string {
    return (
      this.indicator('throughput')?.query ??
      this.own((l) => `sum by (${l}) (rate(http_requests_total{${l}=~"${SERVICE_VARIABLE}"}[$__rate_interval]))`)
    );
  }

  /** The SLA's error ratio over `window` (a duration or a dashboard variable). */
  errorRatio(window: string): string {
    return interpolate(this.profile.sla.errorRatioQuery, { window });
  }

  /** The metric the SLA counts requests with: the services a dashboard lists are those it has series of. */
  requestMetric(): string {
    const [metric] = [...metricNames(this.profile.sla.errorRatioQuery), ...metricNames(this.throughputQuery())];
    if (!metric) {
      throw new Error('sla.errorRatioQuery selects no metric: the dashboards list the services it counts');
    }
    return metric;
  }

  /** The metric the domains are measured with (time in each domain, labelled `domain`). */
  domainMetric(): string {
    const d = this.profile.domains;
    const [metric] = metricNames(d.mode === 'share' ? d.domainTimeQuery : d.domainLatencyQuery);
    if (!metric) {
      throw new Error(`domains.${d.mode === 'share' ? 'domainTimeQuery' : 'domainLatencyQuery'} selects no metric`);
    }
    return metric;
  }

  /**
   * A query on PerfScope's own instrumentation (docs/metrics.md: domains, database, cache, deployments, the
   * host), grouped and filtered by the profile's service label as src/alerting's rules group it.
   */
  own(query: (label: string) => string): string {
    return query(this.label);
  }

  /**
   * The domain overhead panel's queries, by the refIds it reads for the profile's mode, with the service also
   * under `service` (the panel groups by it, as it does the PerfScope datasource's frames).
   */
  overheadQueries(): Array<{ refId: string; expr: string; legend: string }> {
    const d = this.profile.domains;
    const service = (q: string) => asService(q, this.label);
    if (d.mode === 'share') {
      return [
        { refId: 'domain_time', expr: service(d.domainTimeQuery), legend: '{{service}} {{domain}}' },
        { refId: 'total_time', expr: service(d.totalTimeQuery), legend: '{{service}}' },
      ];
    }
    const then = withOffset(d.domainLatencyQuery, d.baselineOffset, 'domains.domainLatencyQuery');
    return [
      { refId: 'domain_latency', expr: service(d.domainLatencyQuery), legend: '{{service}} {{domain}}' },
      { refId: 'domain_baseline', expr: service(then), legend: '{{service}} {{domain}}' },
    ];
  }

  // --- the recording rules' series ---

  /** The windows the rule file records `name` at. */
  recordedWindows(name: string): string[] {
    return this.rules.groups
      .flatMap((g) => g.rules)
      .filter((r) => 'record' in r && r.record === name)
      .map((r) => ('labels' in r ? r.labels?.window : undefined))
      .filter((w): w is string => w !== undefined);
  }

  /**
   * A recorded series for the dashboard's services (recorded series call the service `service`, whatever the
   * profile's label), at one window or several; an error when the rule file does not record it there.
   */
  recorded(name: string, window?: string | string[]): string {
    const windows = window === undefined ? [] : [window].flat();
    const recorded = this.rules.groups.flatMap((g) => g.rules).some((r) => 'record' in r && r.record === name);
    const missing = windows.find((w) => !w.startsWith('$') && !this.recordedWindows(name).includes(w));
    if (!recorded || missing !== undefined) {
      throw new Error(`the rule file of this profile does not record ${name}${missing ? ` at window ${missing}` : ''}`);
    }
    const matchers = [`service=~"${SERVICE_VARIABLE}"`];
    if (windows.length > 0) {
      matchers.push(windows.length === 1 ? `window="${windows[0]}"` : `window=~"${windows.join('|')}"`);
    }
    return `${name}{${matchers.join(', ')}}`;
  }

  /** Every window PerfScope's rules record the error ratio at: the enabled tiers' and the SLA period's. */
  sloWindows(): string[] {
    return [...new Set([...tierWindows(this.profile), this.periodWindow()])].sort((a, b) => ms(a) - ms(b));
  }

  /** The SLA period as the rules measure it: its duration, or 30d for a calendar month (rulePeriodWindow). */
  periodWindow(): string {
    return rulePeriodWindow(this.profile);
  }

  /** The SLA period's length in milliseconds as the rules count it (a calendar month as 30 days). */
  periodMs(): number {
    return periodLength(this.periodWindow(), 0);
  }

  /** The enabled burn-rate tiers with the factor each fires above (src/scoring's tierFactor). */
  tiers(): Array<BurnRateTier & { factor: number }> {
    return this.profile.sla.burnRateTiers
      .filter((t) => t.enabled)
      .map((t) => ({ ...t, factor: tierFactor(t, this.periodMs()) }));
  }

  // --- thresholds ---

  /** A 0-100 score's bands (src/scoring's scoreSteps). */
  scoreSteps(): BandStep[] {
    return scoreSteps();
  }

  /** An indicator's bands on its raw value (src/scoring's valueSteps): a value shows its sub-score's band. */
  valueSteps(ind: Indicator): BandStep[] {
    return valueSteps(ind, ind.direction);
  }

  // --- words ---

  /** The SLA period in words: "30-day" (a rolling period) or "calendar-month". */
  periodAdjective(): string {
    return this.profile.sla.period === 'month' ? 'calendar-month' : durationAdjective(this.profile.sla.period);
  }

  /** How long the SLA period lasts, in words: "30 days", or "a calendar month". */
  periodLength(): string {
    return this.profile.sla.period === 'month' ? 'a calendar month' : durationText(this.profile.sla.period);
  }
}

const UNIT_WORDS: Record<string, string> = {
  y: 'year',
  w: 'week',
  d: 'day',
  h: 'hour',
  m: 'minute',
  s: 'second',
  ms: 'millisecond',
};

/** "30d" as "30 days", "1h" as "1 hour"; a compound duration ("1h30m") as it is. */
export function durationText(duration: string): string {
  const m = /^(\d+)(ms|[ywdhms])$/.exec(duration);
  if (!m) {
    return duration;
  }
  return `${m[1]} ${UNIT_WORDS[m[2]]}${m[1] === '1' ? '' : 's'}`;
}

/** "30d" as "30-day", "12h" as "12-hour"; a compound duration as it is. */
export function durationAdjective(duration: string): string {
  const m = /^(\d+)(ms|[ywdhms])$/.exec(duration);
  return m ? `${m[1]}-${UNIT_WORDS[m[2]]}` : duration;
}

/** A duration in milliseconds, for durations the profile has already validated. */
export const ms = (duration: string): number => parseDuration(duration) ?? NaN;

const UNITS: Record<string, string> = { s: ' s', percent: ' %', reqps: ' req/s', percentunit: '' };

/** An indicator's value with its unit, as descriptions write it: "0.5 s", "80 %". */
export const withUnit = (ind: Pick<Indicator, 'unit'>, value: number): string =>
  `${value}${UNITS[ind.unit] ?? (ind.unit ? ` ${ind.unit}` : '')}`;

/** The profile's warning and critical thresholds of an indicator, as a sentence ("The profile's p95 thresholds: ..."). */
export const thresholdsText = (ind: Indicator, which = ''): string =>
  `The profile's ${which ? `${which} ` : ''}thresholds: ${withUnit(ind, ind.warning)} warning, ${withUnit(ind, ind.critical)} critical.`;

/** A number as descriptions print it: no rounding noise (14.4, not 14.400000000000002). */
export const numberText = (n: number): string => String(Number(n.toPrecision(12)));

/** A burn-rate factor as descriptions print it, to three figures: 14.4, 6, 1.17. */
export const factorText = (factor: number): string => String(Number(factor.toPrecision(3)));

/** A quantile as a percentile's name: 0.95 as p95, 0.999 as p99.9. */
export const percentile = (q: number): string => `p${numberText(q * 100)}`;

/** A score's bands in words, best first: "ok from 90, info from 70, warning from 50, critical below". */
export const scoreBandsText = (): string =>
  [...scoreSteps()]
    .reverse()
    .map((s) => (Number.isFinite(s.from) ? `${s.band} from ${s.from}` : `${s.band} below`))
    .join(', ');

/** Where a score's bands start, as a list: "50, 70 and 90". */
export const scoreLines = (): string =>
  listText(
    scoreSteps()
      .filter((s) => Number.isFinite(s.from))
      .map((s) => String(s.from))
  );

/** The share of requests an SLA target lets fail, in percent: 0.1 for 99.9. */
export const allowedPercent = (target: number): number => Number((allowedErrorRatio(target) * 100).toPrecision(12));

/** Words in a list: "a", "a and b", "a, b and c". */
export function listText(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export type { Band, BandStep };
export { RECORDED };
