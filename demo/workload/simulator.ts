// The simulated service: on every advance it serves the requests that fell due since the last one, under the
// current scenario's conditions, and moves every counter and gauge along. Counts are whole requests; what does
// not add up to a whole one is carried to the next advance, so every rate is exact over time.
import { latencyMix } from './latency';
import { createMetrics, type Metrics } from './metrics';
import { conditionsAt, DB_POOL_MAX, DOMAINS, type Conditions, type ScenarioName } from './scenarios';

/** The most simulated time one advance serves requests for (the CPU counters still run for all of it). */
export const MAX_CATCH_UP_SECONDS = 600;

interface Route {
  route: string;
  method: 'GET' | 'POST';
  /** Fraction of the traffic. */
  share: number;
  /** The database query each request runs, and how long it takes relative to the typical query. */
  query: string;
  queryCost: number;
}

const ROUTES: Route[] = [
  { route: '/api/reports', method: 'GET', share: 0.3, query: 'load_report', queryCost: 1.5 },
  { route: '/api/architecture', method: 'GET', share: 0.15, query: 'load_dependency_graph', queryCost: 1 },
  { route: '/api/evaluations', method: 'POST', share: 0.2, query: 'evaluate_rules', queryCost: 2 },
  { route: '/api/validations', method: 'POST', share: 0.2, query: 'validate_records', queryCost: 0.5 },
  { route: '/api/workflows', method: 'POST', share: 0.15, query: 'save_workflow', queryCost: 1 },
];

type Outcome = 'ok' | 'client' | 'server';
const OUTCOMES: Outcome[] = ['ok', 'client', 'server'];

const statusCode = (r: Route, outcome: Outcome) =>
  outcome === 'server'
    ? '500'
    : outcome === 'client'
      ? r.method === 'GET'
        ? '404'
        : '422'
      : r.method === 'GET'
        ? '200'
        : '201';

const CPUS = ['0', '1'];
const MEMORY_TOTAL_BYTES = 8 * 1024 ** 3;
const DISK_SIZE_BYTES = 100e9;
const DISK_AVAILABLE_BYTES = 62e9;
const BYTES_IN_PER_REQUEST = 2000;
const BYTES_OUT_PER_REQUEST = 8000;
const CACHE_LOOKUPS_PER_REQUEST = 2;

export interface SimulatorOptions {
  service: string;
  scenario: ScenarioName;
  requestsPerSecond: number;
  leakRampSeconds: number;
  version: string;
  /** Milliseconds since the epoch; injectable so tests can move time themselves. */
  now?: () => number;
}

export interface SimulatorState {
  service: string;
  scenario: ScenarioName;
  /** When the scenario began, RFC 3339. */
  since: string;
  version: string;
  deployedAt: string;
}

/** Whole counts of fractional amounts, carrying the remainder per key. */
class Tally {
  private carry = new Map<string, number>();

  take(key: string, amount: number): number {
    const total = (this.carry.get(key) ?? 0) + amount;
    const whole = Math.floor(total + 1e-9);
    this.carry.set(key, total - whole);
    return whole;
  }
}

export class Simulator {
  readonly metrics: Metrics;
  private readonly now: () => number;
  private readonly tally = new Tally();
  private readonly pendingDomainSeconds = new Map<string, number>();
  private scenario: ScenarioName;
  private since: number;
  private last: number;
  private version = '';
  private deployedAt = 0;

  constructor(private readonly options: SimulatorOptions) {
    this.now = options.now ?? Date.now;
    this.metrics = createMetrics(options.service);
    this.scenario = options.scenario;
    this.since = this.last = this.now();
    const m = this.metrics;
    m.memTotal.set(MEMORY_TOTAL_BYTES);
    m.filesystemSize.set({ mountpoint: '/' }, DISK_SIZE_BYTES);
    m.filesystemAvailable.set({ mountpoint: '/' }, DISK_AVAILABLE_BYTES);
    m.dbPoolMax.set(DB_POOL_MAX);
    // Every series exists from the first scrape: Prometheus cannot rate a counter's first increment.
    for (const r of ROUTES) {
      m.requestDuration.zero({ route: r.route, method: r.method });
      m.dbQueryDuration.zero({ query: r.query });
      for (const kind of OUTCOMES) {
        m.requests.inc({ route: r.route, method: r.method, code: statusCode(r, kind) }, 0);
      }
    }
    for (const domain of DOMAINS) {
      m.domainErrors.inc({ domain }, 0);
    }
    this.deploy(options.version);
    this.setGauges(this.conditions(this.since));
  }

  get state(): SimulatorState {
    return {
      service: this.options.service,
      scenario: this.scenario,
      since: new Date(this.since).toISOString(),
      version: this.version,
      deployedAt: new Date(this.deployedAt).toISOString(),
    };
  }

  /** Switches scenario; what happened until now happened under the previous one. */
  setScenario(scenario: ScenarioName): void {
    this.advance();
    this.scenario = scenario;
    this.since = this.last;
    this.setGauges(this.conditions(this.since));
  }

  /** A new version goes live now: `deployment_timestamp_seconds{version}` moves to it. */
  deploy(version: string): void {
    this.advance();
    this.metrics.deployment.reset();
    this.version = version;
    this.deployedAt = this.last;
    this.metrics.deployment.set({ version }, Math.floor(this.deployedAt / 1000));
  }

  /** Serves the requests due since the last advance and updates every metric to now. */
  advance(): void {
    const now = this.now();
    const dt = (now - this.last) / 1000;
    if (dt <= 0) {
      return;
    }
    const c = this.conditions((this.last + now) / 2);
    this.last = now;
    // Each request is observed one by one: after a long idle (nobody scraped), only the last minutes' requests
    // are served, so the first scrape does not stall the service.
    this.serve(c, Math.min(dt, MAX_CATCH_UP_SECONDS));
    const m = this.metrics;
    const busy = c.cpuPercent / 100;
    for (const cpu of CPUS) {
      m.cpu.inc({ cpu, mode: 'idle' }, (1 - busy) * dt);
      m.cpu.inc({ cpu, mode: 'user' }, 0.75 * busy * dt);
      m.cpu.inc({ cpu, mode: 'system' }, 0.25 * busy * dt);
    }
    this.setGauges(this.conditions(now));
  }

  private conditions(at: number): Conditions {
    return conditionsAt(this.scenario, (at - this.since) / 1000, this.options.leakRampSeconds);
  }

  private setGauges(c: Conditions): void {
    const m = this.metrics;
    m.memAvailable.set(MEMORY_TOTAL_BYTES * (1 - c.memoryPercent / 100));
    m.residentMemory.set(Math.round(c.residentMemoryBytes));
    m.dbPoolInUse.set(Math.round(c.dbPoolInUse));
  }

  private serve(c: Conditions, dt: number): void {
    const m = this.metrics;
    const due = this.options.requestsPerSecond * dt;
    const shares: Record<Outcome, number> = {
      ok: 1 - (c.errorPercent + c.clientErrorPercent) / 100,
      client: c.clientErrorPercent / 100,
      server: c.errorPercent / 100,
    };
    const classes = latencyMix(c.latencyP95, c.latencyMean);
    let served = 0;
    let requestSeconds = 0;
    for (const r of ROUTES) {
      for (const outcome of OUTCOMES) {
        const code = statusCode(r, outcome);
        for (const [i, cls] of classes.entries()) {
          const n = this.tally.take(`${r.route} ${outcome} ${i}`, due * r.share * shares[outcome] * cls.share);
          if (n === 0) {
            continue;
          }
          m.requests.inc({ route: r.route, method: r.method, code }, n);
          for (let k = 0; k < n; k++) {
            m.requestDuration.observe({ route: r.route, method: r.method }, cls.seconds);
            m.dbQueryDuration.observe({ query: r.query }, c.dbQuerySeconds * r.queryCost);
          }
          served += n;
          requestSeconds += n * cls.seconds;
        }
      }
    }
    this.spendInDomains(c, requestSeconds);
    m.networkReceive.inc({ device: 'eth0' }, served * BYTES_IN_PER_REQUEST);
    m.networkTransmit.inc({ device: 'eth0' }, served * BYTES_OUT_PER_REQUEST);
    const lookups = due * CACHE_LOOKUPS_PER_REQUEST;
    m.cacheRequests.inc({ result: 'hit' }, this.tally.take('cache hit', (lookups * c.cacheHitPercent) / 100));
    m.cacheRequests.inc({ result: 'miss' }, this.tally.take('cache miss', (lookups * (100 - c.cacheHitPercent)) / 100));
  }

  /**
   * Each domain gets its share of the request time, in whole calls of about its call latency, and the scenario's
   * share of those calls fail.
   */
  private spendInDomains(c: Conditions, requestSeconds: number): void {
    for (const domain of DOMAINS) {
      const seconds = (requestSeconds * c.domainSharePercent[domain]) / 100;
      const pending = (this.pendingDomainSeconds.get(domain) ?? 0) + seconds;
      const calls = this.tally.take(`domain ${domain}`, seconds / c.domainLatency[domain]);
      const failed = this.tally.take(`domain errors ${domain}`, (calls * c.domainErrorPercent[domain]) / 100);
      this.metrics.domainErrors.inc({ domain }, failed);
      if (calls === 0) {
        this.pendingDomainSeconds.set(domain, pending);
        continue;
      }
      for (let k = 0; k < calls; k++) {
        this.metrics.domainDuration.observe({ domain }, pending / calls);
      }
      this.pendingDomainSeconds.set(domain, 0);
    }
  }
}
