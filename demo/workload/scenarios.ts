// What the simulated service is going through. The four scenarios the fixture Prometheus also serves
// (testdata/scenarios) use the same numbers, so the demo and the tests tell the same story; `leak` exists only
// here because it unfolds over time.

export const DOMAINS = [
  'strategic_reporting',
  'system_complexity',
  'compliance_evaluation',
  'quality_validation',
  'workflow_optimization',
] as const;
export type Domain = (typeof DOMAINS)[number];

export const SCENARIOS = ['healthy', 'degraded', 'incident', 'leak', 'budget-burn'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const isScenario = (name: unknown): name is ScenarioName => SCENARIOS.includes(name as ScenarioName);

/** The state of the service at one moment; field names follow the fixture scenario files. */
export interface Conditions {
  /** Seconds. */
  latencyP95: number;
  latencyMean: number;
  /** Share of requests answered 5xx, percent. */
  errorPercent: number;
  /** Share of requests answered 4xx, percent. */
  clientErrorPercent: number;
  cpuPercent: number;
  memoryPercent: number;
  /** Share of total request time spent in each domain, percent. */
  domainSharePercent: Record<Domain, number>;
  /** Mean seconds of one call into each domain. */
  domainLatency: Record<Domain, number>;
  /** Share of the calls into each domain that fail, percent. */
  domainErrorPercent: Record<Domain, number>;
  /** Resident memory of the service process. */
  residentMemoryBytes: number;
  /** Of a pool of DB_POOL_MAX. */
  dbPoolInUse: number;
  /** Typical seconds of one database query. */
  dbQuerySeconds: number;
  cacheHitPercent: number;
}

export const DB_POOL_MAX = 100;
const MiB = 1024 * 1024;

const each = (value: number) => Object.fromEntries(DOMAINS.map((d) => [d, value])) as Record<Domain, number>;

const healthy: Conditions = {
  latencyP95: 0.15,
  latencyMean: 0.08,
  errorPercent: 0.05,
  clientErrorPercent: 1,
  cpuPercent: 50,
  memoryPercent: 60,
  domainSharePercent: each(0.5),
  domainLatency: each(0.01),
  domainErrorPercent: each(0.05),
  residentMemoryBytes: 180 * MiB,
  dbPoolInUse: 20,
  dbQuerySeconds: 0.004,
  cacheHitPercent: 95,
};

/** Where a leak ends: the host nearly out of memory, garbage collection eating CPU and stretching requests. */
const leaked: Conditions = {
  ...healthy,
  latencyP95: 0.6,
  latencyMean: 0.3,
  cpuPercent: 88,
  memoryPercent: 96,
  residentMemoryBytes: 1536 * MiB,
  dbPoolInUse: 45,
  dbQuerySeconds: 0.012,
};

const steady: Record<Exclude<ScenarioName, 'leak'>, Conditions> = {
  healthy,
  degraded: {
    ...healthy,
    latencyP95: 0.35,
    latencyMean: 0.2,
    errorPercent: 0.25,
    cpuPercent: 75,
    memoryPercent: 85,
    domainSharePercent: each(1),
    domainLatency: each(0.02),
    domainErrorPercent: each(0.25),
    residentMemoryBytes: 420 * MiB,
    dbPoolInUse: 85,
    dbQuerySeconds: 0.03,
    cacheHitPercent: 70,
  },
  incident: {
    ...healthy,
    latencyP95: 1.5,
    latencyMean: 0.9,
    errorPercent: 2,
    cpuPercent: 92,
    memoryPercent: 96,
    // Compliance evaluation is where the incident fails; the other domains feel it less.
    domainErrorPercent: { ...each(0.5), compliance_evaluation: 8, quality_validation: 2 },
    residentMemoryBytes: 900 * MiB,
    dbPoolInUse: 95,
    dbQuerySeconds: 0.4,
  },
  // The extra errors come from quality validation.
  'budget-burn': { ...healthy, errorPercent: 0.35, domainErrorPercent: { ...each(0.05), quality_validation: 1.5 } },
};

export const DESCRIPTIONS: Record<ScenarioName, string> = {
  healthy: 'every indicator inside its target',
  degraded: 'every indicator between target and warning; the database pool busy, the cache poor',
  incident: '2 % errors, p95 1.5 s, CPU 92 %, memory 96 %: every key indicator critical',
  leak: 'memory climbs over the leak ramp until 4 % is left; CPU and latency climb with it',
  'budget-burn': 'healthy but for 0.35 % errors: a steady 3.5x burn of the error budget',
};

const mix = (a: number, b: number, f: number) => a + (b - a) * f;

/** The conditions `secondsIn` seconds after the scenario began; a leak reaches its end after `leakRampSeconds`. */
export function conditionsAt(scenario: ScenarioName, secondsIn: number, leakRampSeconds: number): Conditions {
  if (scenario !== 'leak') {
    return steady[scenario];
  }
  const f = Math.min(1, Math.max(0, secondsIn / leakRampSeconds));
  const numbers = (Object.keys(healthy) as Array<keyof Conditions>).filter((k) => typeof healthy[k] === 'number');
  return {
    ...healthy,
    ...Object.fromEntries(numbers.map((k) => [k, mix(healthy[k] as number, leaked[k] as number, f)])),
  };
}
