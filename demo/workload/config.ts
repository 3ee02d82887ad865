// The workload's settings, from environment variables; every mistake names the variable.
import { isScenario, SCENARIOS, type ScenarioName } from './scenarios';

export interface WorkloadConfig {
  host: string;
  port: number;
  service: string;
  scenario: ScenarioName;
  requestsPerSecond: number;
  leakRampSeconds: number;
  version: string;
}

export const ENV = {
  host: 'PERFSCOPE_DEMO_HOST',
  port: 'PERFSCOPE_DEMO_PORT',
  service: 'PERFSCOPE_DEMO_SERVICE',
  scenario: 'PERFSCOPE_DEMO_SCENARIO',
  requestsPerSecond: 'PERFSCOPE_DEMO_RPS',
  leakRamp: 'PERFSCOPE_DEMO_LEAK_RAMP',
  version: 'PERFSCOPE_DEMO_VERSION',
} as const;

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 9464,
  service: 'demo',
  scenario: 'healthy' as ScenarioName,
  requestsPerSecond: 100,
  leakRamp: '15m',
  version: '1.4.0',
};

export const MAX_REQUESTS_PER_SECOND = 5000;

export class ConfigError extends Error {
  name = 'ConfigError';
}

/** A version label: what a deployment pipeline would stamp, e.g. 1.5.0 or 2026.01.31-rc1. */
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
const SERVICE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** "90s", "15m", "1h" in seconds, or null. */
export function parseSeconds(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(text.trim());
  const seconds = m ? Number(m[1]) * UNITS[m[2]] : NaN;
  return seconds > 0 ? seconds : null;
}

export function loadConfig(env: Record<string, string | undefined>): WorkloadConfig {
  const get = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const scenario = get(ENV.scenario) ?? DEFAULTS.scenario;
  if (!isScenario(scenario)) {
    throw new ConfigError(`${ENV.scenario}: "${scenario}" is not one of ${SCENARIOS.join(', ')}`);
  }
  const portText = get(ENV.port);
  const port = portText === undefined ? DEFAULTS.port : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${ENV.port}: "${portText}" is not a port number (0-65535; 0 picks a free one)`);
  }
  const rpsText = get(ENV.requestsPerSecond);
  const requestsPerSecond = rpsText === undefined ? DEFAULTS.requestsPerSecond : Number(rpsText);
  if (!(requestsPerSecond > 0 && requestsPerSecond <= MAX_REQUESTS_PER_SECOND)) {
    throw new ConfigError(
      `${ENV.requestsPerSecond}: "${rpsText}" must be a number of requests per second above 0 and at most ${MAX_REQUESTS_PER_SECOND}`
    );
  }
  const rampText = get(ENV.leakRamp) ?? DEFAULTS.leakRamp;
  const leakRampSeconds = parseSeconds(rampText);
  if (leakRampSeconds === null) {
    throw new ConfigError(`${ENV.leakRamp}: "${rampText}" is not a duration such as 90s, 15m or 1h`);
  }
  const service = get(ENV.service) ?? DEFAULTS.service;
  if (!SERVICE_PATTERN.test(service)) {
    throw new ConfigError(`${ENV.service}: "${service}" must be 1-64 letters, digits, '.', '_', ':' or '-'`);
  }
  const version = get(ENV.version) ?? DEFAULTS.version;
  if (!VERSION_PATTERN.test(version)) {
    throw new ConfigError(`${ENV.version}: "${version}" must be 1-64 letters, digits, '.', '_', '+' or '-'`);
  }
  return { host: get(ENV.host) ?? DEFAULTS.host, port, service, scenario, requestsPerSecond, leakRampSeconds, version };
}
