// Runs one vector case through the library: the generator writes what these return, the vectors test and the
// Go twin check against it. Inputs and outputs are plain JSON (see testdata/vectors/README.md).
import { healthScore } from '../composite';
import { groupScores, ruleText } from '../group';
import { parseDuration } from '../duration';
import { breachIntervals, inBreach } from '../mttr';
import { baselineOverhead, overheadReport, shareOverhead } from '../overhead';
import type { HttpPreset, ResourcePreset } from '../presets/presetCatalogue';
import { applyPresets, presetById } from '../presets/profile';
import { httpQueries, resourceQueries, thresholdFit, type BoundSpellings } from '../presets/queries';
import { validateProfile } from '../profile/validate';
import { budgetReport, worstPolicyState, type PolicyState } from '../budget';
import { latencyCompliance, periodWindow, slaReport } from '../sla';
import { alignSeries, compileIndicators, scoreSeries, type Grid } from '../series';
import { atOrWorse, BAND_FLOORS, bandOf, scoreSteps, valueSteps } from '../bands';
import { monthBurnDown, monthlyCompliance } from '../calendar';
import { gate, type GateRule } from '../gate';
import { objectiveMet, objectiveThreshold, type Objective, type ObjectiveTargets } from '../objectives';
import { subScore } from '../subscore';
import { escapeForString, interpolate, unquotedVariables } from '../variables';
import type {
  Aggregation,
  Band,
  BurnRateTier,
  Direction,
  DomainSettings,
  Group,
  Indicator,
  Profile,
  SlaSettings,
  Thresholds,
} from '../types';
import { decode, encode, encodeOutput, mapValues, type Encoded } from './codec';

type In = any; // JSON input, shaped per section
type Out = Record<string, unknown>;

const decodeMap = (m: Record<string, Encoded>) => mapValues(m, decode);

export const sections: Record<string, { description: string; evaluate: (input: In) => Out }> = {
  subscore: {
    description: 'Sub-score and band of one value for thresholds in either direction.',
    evaluate: (i: { value: Encoded; direction: Direction; target: number; warning: number; critical: number }) => {
      const s = subScore(decode(i.value), i, i.direction);
      return { subScore: s, band: bandOf(s) };
    },
  },
  bands: {
    description: 'Band of a score (null: no data), and whether it is in each band or a worse one.',
    evaluate: (i: { score: number | null }) => ({
      band: bandOf(i.score),
      atOrWorse: Object.fromEntries(BAND_FLOORS.map(({ band }) => [band, atOrWorse(i.score, band)])),
    }),
  },
  'band-steps': {
    description:
      "Where each band starts as a score rises (kind score), or as a raw value rises for an indicator's thresholds (kind value): ascending steps, exact to the double.",
    evaluate: (i: { kind: 'score' } | { kind: 'value'; direction: Direction; thresholds: Thresholds }) => ({
      steps: i.kind === 'score' ? scoreSteps() : valueSteps(i.thresholds, i.direction),
    }),
  },
  breach: {
    description: 'Whether a value is in breach: its sub-score in the band given (or a worse one).',
    evaluate: (i: { value: Encoded; direction: Direction; thresholds: Thresholds; band: Band }) => ({
      inBreach: inBreach(decode(i.value), i.thresholds, i.direction, i.band),
    }),
  },
  objectives: {
    description:
      'Whether an SLA objective (availability %, budget remaining, latency compliance fraction, MTTR ms) is met against the SLA: null when unknown.',
    evaluate: (i: { objective: Objective; value: Encoded; sla: ObjectiveTargets }) => ({
      threshold: objectiveThreshold(i.objective, i.sla),
      met: objectiveMet(i.objective, decode(i.value), i.sla),
    }),
  },
  gate: {
    description:
      "The gate of perfscope check at one time: a score, the key indicators' sub-scores, minScore and allowMissing.",
    evaluate: (i: { score: Encoded; keys: Array<{ id: string; subScore: Encoded }>; rule: GateRule }) => ({
      ...gate(
        { score: decode(i.score), keys: i.keys.map((k) => ({ id: k.id, subScore: decode(k.subScore) })) },
        i.rule
      ),
    }),
  },
  variables: {
    description:
      'Template variables filled in: $name, ${name}, ${name:format} (regex, pipe, raw), [[name]]; others, and names of digits ($1), left as written.',
    evaluate: (i: { query: string; vars: Record<string, string> }) => ({ query: interpolate(i.query, i.vars) }),
  },
  quoting: {
    description:
      "The viewer variables ($service, $domain in any form) a query uses outside a double-quoted string or a comment, which the validator refuses; and a viewer's value escaped for a double-quoted string.",
    evaluate: (i: { query: string; value: string }) => ({
      unquoted: unquotedVariables(i.query),
      escaped: escapeForString(i.value),
    }),
  },
  'period-window': {
    description:
      "The window (ms) an SLA period's error ratio is measured over at `at`: the rolling period, or the time since the calendar month began.",
    evaluate: (i: { period: string; at: string }) => ({ windowMs: periodWindow(i.period, Date.parse(i.at)) }),
  },
  calendar: {
    description:
      "A calendar-month SLA from error and request rates on a grid: availability per month (UTC) and the budget burn-down from each month's 1st, for a time range starting at `from`.",
    evaluate: (i: { grid: Grid; errors: Encoded[]; requests: Encoded[]; target: number; from: string }) => {
      const errors = i.errors.map((v) => decode(v) ?? NaN);
      const requests = i.requests.map((v) => decode(v) ?? NaN);
      const burn = monthBurnDown(errors, requests, i.grid, i, Date.parse(i.from));
      return {
        monthly: monthlyCompliance(errors, requests, i.grid, i),
        burnDown: Array.from(burn.values, encodeOutput),
        firstMonth: burn.firstMonth === null ? null : new Date(burn.firstMonth).toISOString(),
      };
    },
  },
  composite: {
    description: 'Composite health score of one service at one time, with the explanation.',
    evaluate: (i: { aggregation: Aggregation; indicators: Indicator[]; values: Record<string, Encoded> }) => {
      const h = healthScore(i, decodeMap(i.values));
      return {
        score: h.score,
        band: h.band,
        cappedBy: h.cappedBy,
        noData: h.noData,
        indicators: h.indicators.map((x) => ({
          id: x.id,
          value: x.value,
          subScore: x.subScore,
          band: x.band,
          pointsLost: x.pointsLost,
        })),
      };
    },
  },
  overhead: {
    description:
      'Domain overheads from raw samples in share mode (domainTime, totalTime) or baseline mode (latency, baseline), banded per domain and summed for the system.',
    evaluate: (i: {
      mode: 'share' | 'baseline';
      domains: Pick<DomainSettings, 'defaults' | 'overrides' | 'system'>;
      samples: Record<string, Record<string, Encoded>>;
    }) => {
      const overheads = mapValues(i.samples, (s) =>
        i.mode === 'share'
          ? shareOverhead(decode(s.domainTime), decode(s.totalTime))
          : baselineOverhead(decode(s.latency), decode(s.baseline))
      );
      const r = overheadReport(i.domains, overheads);
      return {
        domains: r.domains.map((d) => ({ name: d.name, overhead: d.overhead, subScore: d.subScore, band: d.band })),
        system: { overhead: r.system.overhead, subScore: r.system.subScore, band: r.system.band },
      };
    },
  },
  sla: {
    description:
      'Availability, error budget, burn rates and burn-rate tiers at time `at` from error ratios per window.',
    evaluate: (i: {
      sla: { target: number; period: string; burnRateTiers: BurnRateTier[] };
      at: string;
      errorRatios: Record<string, Encoded>;
    }) => {
      const r = slaReport(i.sla, decodeMap(i.errorRatios), Date.parse(i.at));
      return {
        availability: r.availability,
        budgetRemaining: r.budgetRemaining,
        burnRates: r.burnRates,
        tiers: r.tiers.map((t) => ({
          name: t.name,
          severity: t.severity,
          factor: t.factor,
          longBurnRate: t.longBurnRate,
          shortBurnRate: t.shortBurnRate,
          firing: t.firing,
        })),
      };
    },
  },
  'budget-policy': {
    description:
      'Error budget spent (%), burn rate and projected exhaustion (seconds; null: never or unknown) per policy window, and the policy state, at time `at` from error ratios per window.',
    evaluate: (i: {
      sla: Pick<SlaSettings, 'target' | 'period' | 'budgetPolicy'>;
      at: string;
      errorRatios: Record<string, Encoded>;
    }) => ({ ...budgetReport(i.sla, decodeMap(i.errorRatios), Date.parse(i.at)) }),
  },
  'policy-rollup': {
    description:
      "A group's error-budget policy state from its members' states (ok, warn, page, freeze, nodata): page and freeze stand, else no data wins.",
    evaluate: (i: { states: Array<PolicyState | 'nodata'> }) => ({ state: worstPolicyState(i.states) }),
  },
  'latency-compliance': {
    description: 'Fraction of requests at or under the threshold from cumulative histogram buckets (le "+Inf" last).',
    evaluate: (i: { buckets: Array<{ le: Encoded; count: Encoded }>; threshold: number }) => ({
      compliance: latencyCompliance(
        i.buckets.map((b) => ({ le: decode(b.le)!, count: decode(b.count)! })),
        i.threshold
      ),
    }),
  },
  mttr: {
    description: 'Breach intervals (resolved and open) and MTTR over samples on a grid of `step` seconds.',
    evaluate: (i: { timestamps: number[]; inBreach: boolean[]; step: number }) => ({
      ...breachIntervals(i.timestamps, i.inBreach, i.step),
    }),
  },
  series: {
    description: 'Per-timestamp scores over a grid from series with their own steps and gaps (timestamps in ms).',
    evaluate: (i: {
      aggregation: Aggregation;
      indicators: Indicator[];
      grid: { start: number; step: number; length: number };
      series: Record<string, { timestamps: number[]; values: Encoded[] }>;
    }) => {
      const series = mapValues(i.series, (s) => ({
        timestamps: s.timestamps,
        values: s.values.map((v) => decode(v) ?? NaN),
      }));
      const r = scoreSeries(compileIndicators(i), i.grid, series, { subScores: true });
      return {
        aligned: mapValues(series, (s) => Array.from(alignSeries(s, i.grid), encodeOutput)),
        subScores: mapValues(r.subScores!, (col) => Array.from(col, encodeOutput)),
        score: Array.from(r.score, encodeOutput),
      };
    },
  },
  durations: {
    description: 'Prometheus duration strings in milliseconds (null: not a positive duration).',
    evaluate: (i: { text: unknown }) => ({ ms: parseDuration(i.text) }),
  },
  validation: {
    description: 'Every problem of a profile document, in order, as {path, message}.',
    evaluate: (i: { profile: unknown }) => ({
      problems: validateProfile(i.profile).map(({ path, message }) => ({ path, message })),
    }),
  },
  groups: {
    description:
      "Every group's result from its members' health scores (null: no data): score, band, cappedBy, each rule's count, whether it held and its words, members, noData.",
    evaluate: (i: { groups: Group[]; services: Record<string, Encoded> }) =>
      mapValues(groupScores(i.groups, decodeMap(i.services)), (r) => ({
        score: r.score,
        band: r.band,
        cappedBy: r.cappedBy,
        rules: r.rules.map((rule) => ({ count: rule.count, held: rule.held, text: ruleText(rule) })),
        members: r.members.map(({ kind, id, score, band }) => ({ kind, id, score, band })),
        noData: r.noData,
      })),
  },
  'group-validation': {
    description: 'Every problem of a profile document with groups, in order, as {path, message}.',
    evaluate: (i: { profile: unknown }) => ({
      problems: validateProfile(i.profile).map(({ path, message }) => ({ path, message })),
    }),
  },
  presets: {
    description:
      'Queries built from the preset catalogue: every query of an HTTP preset (kind http), the latency-SLO threshold against buckets (fit), the cpu and memory queries of a resource preset (resources), and a profile built from a choice of presets (apply).',
    evaluate: (i: PresetsInput) => {
      const spellings: BoundSpellings | undefined = i.spellings && new Map(i.spellings);
      const buckets = i.buckets?.map((b) => decode(b)!);
      switch (i.kind) {
        case 'http':
          return {
            ...httpQueries(presetById(i.preset) as HttpPreset, i.label, i.latencyThreshold, spellings, buckets),
          };
        case 'fit':
          return { ...thresholdFit(presetById(i.preset) as HttpPreset, i.label, i.threshold, buckets!, spellings) };
        case 'resources':
          return resourceQueries(presetById(i.preset) as ResourcePreset, i.label);
        case 'apply': {
          const c = i.choice;
          const choice = {
            serviceLabel: c.serviceLabel,
            http: c.http === undefined ? undefined : (presetById(c.http) as HttpPreset),
            resources: c.resources === undefined ? undefined : (presetById(c.resources) as ResourcePreset),
            buckets: c.buckets,
            spellings: c.spellings && new Map(c.spellings),
          };
          return { profile: applyPresets(choice, i.base) };
        }
      }
    },
  },
};

/** The input of a presets case: spellings are [bound, text] pairs, buckets vector numbers. */
type PresetsInput =
  | {
      kind: 'http';
      preset: string;
      label: string;
      latencyThreshold: number;
      buckets?: Encoded[];
      spellings?: Array<[number, string]>;
    }
  | {
      kind: 'fit';
      preset: string;
      label: string;
      threshold: number;
      buckets: Encoded[];
      spellings?: Array<[number, string]>;
    }
  | { kind: 'resources'; preset: string; label: string; buckets?: undefined; spellings?: undefined }
  | {
      kind: 'apply';
      choice: {
        serviceLabel: string;
        http?: string;
        resources?: string;
        buckets?: number[];
        spellings?: Array<[number, string]>;
      };
      base?: Profile;
      buckets?: undefined;
      spellings?: undefined;
    };

/** Encodes numbers of an output for JSON (non-finite as strings). */
export function toJson(value: unknown): unknown {
  if (typeof value === 'number') {
    return encode(value);
  }
  if (Array.isArray(value)) {
    return value.map(toJson);
  }
  if (value !== null && typeof value === 'object') {
    return mapValues(value as Record<string, unknown>, toJson);
  }
  return value;
}
