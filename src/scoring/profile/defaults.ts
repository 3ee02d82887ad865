import type { BudgetPolicy, Indicator, Profile } from '../types';

// Default queries follow the Prometheus client conventions of docs/metrics.md. `or ... * 0` turns "no 5xx
// series" into an error rate of 0 instead of no data.
const requests = (window: string, codes = '') =>
  `sum by (service) (rate(http_requests_total{service=~"$service"${codes}}[${window}]))`;
const errorsOrZero = (window: string) => `(${requests(window, ', code=~"5.."')} or ${requests(window)} * 0)`;

export const defaultQueries = {
  latency_p95:
    'histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))',
  error_rate: `100 * ${errorsOrZero('$__rate_interval')} / ${requests('$__rate_interval')}`,
  cpu: '100 * (1 - avg by (service) (rate(node_cpu_seconds_total{service=~"$service", mode="idle"}[$__rate_interval])))',
  memory:
    '100 * (1 - sum by (service) (node_memory_MemAvailable_bytes{service=~"$service"}) / sum by (service) (node_memory_MemTotal_bytes{service=~"$service"}))',
  availability: `100 * (1 - ${errorsOrZero('1h')} / ${requests('1h')})`,
  throughput: requests('$__rate_interval'),
};

/** PerfScope's own domain instrumentation (docs/metrics.md), for services named by `label`. */
export function domainQueries(label: string): { domainTimeQuery: string; domainLatencyQuery: string } {
  const rate = (suffix: string) =>
    `sum by (${label}, domain) (rate(domain_duration_seconds_${suffix}{${label}=~"$service", domain=~"$domain"}[$__rate_interval]))`;
  return { domainTimeQuery: rate('sum'), domainLatencyQuery: `${rate('sum')} / ${rate('count')}` };
}

function indicator(
  id: string,
  name: string,
  unit: string,
  direction: Indicator['direction'],
  [target, warning, critical]: [number, number, number],
  weight: number,
  extra: Partial<Indicator> = {}
): Indicator {
  const query = defaultQueries[id as keyof typeof defaultQueries];
  return { id, name, unit, direction, target, warning, critical, weight, key: false, enabled: true, query, ...extra };
}

/** A fresh copy of the default profile (PerfScope's own performance standards). */
export function defaultProfile(): Profile {
  return {
    aggregation: 'weighted',
    serviceLabel: 'service',
    allowMissing: false,
    indicators: [
      indicator('latency_p95', 'Latency p95', 's', 'lower', [0.2, 0.5, 1], 0.3, { key: true }),
      indicator('error_rate', 'Error rate', 'percent', 'lower', [0.1, 0.5, 1], 0.3, { key: true }),
      indicator('cpu', 'CPU', 'percent', 'lower', [70, 80, 90], 0.15),
      indicator('memory', 'Memory', 'percent', 'lower', [80, 90, 95], 0.15),
      indicator('availability', 'Availability', 'percent', 'higher', [99.9, 99.5, 99], 0.1),
      indicator('throughput', 'Throughput', 'reqps', 'higher', [1, 0.5, 0.1], 0.1, { enabled: false }),
    ],
    domains: {
      defaults: { target: 1.5, warning: 3, critical: 5 },
      overrides: {},
      system: { target: 4.7, warning: 7, critical: 10 },
      mode: 'share',
      baselineOffset: '7d',
      ...domainQueries('service'),
      totalTimeQuery:
        'sum by (service) (rate(http_request_duration_seconds_sum{service=~"$service"}[$__rate_interval]))',
    },
    sla: {
      target: 99.9,
      period: '30d',
      mttrTarget: '5m',
      latencyThreshold: 0.2,
      latencyTarget: 95,
      burnRateTiers: [
        {
          name: 'fast-burn',
          budgetFraction: 0.02,
          longWindow: '1h',
          shortWindow: '5m',
          severity: 'critical',
          enabled: true,
        },
        {
          name: 'slow-burn',
          budgetFraction: 0.05,
          longWindow: '6h',
          shortWindow: '30m',
          severity: 'critical',
          enabled: true,
        },
        {
          name: 'budget-drain',
          budgetFraction: 0.1,
          longWindow: '1d',
          shortWindow: '2h',
          severity: 'warning',
          enabled: true,
        },
        {
          name: 'slow-drain',
          budgetFraction: 0.1,
          longWindow: '3d',
          shortWindow: '6h',
          severity: 'info',
          enabled: true,
        },
      ],
      errorRatioQuery: `${errorsOrZero('$window')} / ${requests('$window')}`,
      latencyComplianceQuery:
        'sum by (service) (rate(http_request_duration_seconds_bucket{service=~"$service", le="$latencyThreshold"}[$window])) / sum by (service) (rate(http_request_duration_seconds_count{service=~"$service"}[$window]))',
      budgetPolicy: defaultBudgetPolicy(),
    },
    groups: [],
  };
}

/** The error-budget policy a profile without one gets; README "Error-budget policy" gives the reasons. */
export const defaultBudgetPolicy = (): BudgetPolicy => ({
  warnSpent: 50,
  pageSpent: 75,
  freezeSpent: 100,
  freezeExhaustion: '3d',
  windows: ['1h', '6h', '1d'],
});
