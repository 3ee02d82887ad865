import type { Profile } from '../types';
import { defaultQueries } from './defaults';

/** Ready queries for a family of metrics; each replaces the query of the indicators it names. */
export interface MetricPreset {
  id: string;
  name: string;
  description: string;
  queries: Record<string, string>;
}

// OpenTelemetry HTTP semantic conventions, as exported to Prometheus (seconds histogram, status code label).
const otelRequests = (window: string, codes = '') =>
  `sum by (service) (rate(http_server_request_duration_seconds_count{service=~"$service"${codes}}[${window}]))`;
const otelErrorsOrZero = (window: string) =>
  `(${otelRequests(window, ', http_response_status_code=~"5.."')} or ${otelRequests(window)} * 0)`;

export const metricPresets: MetricPreset[] = [
  {
    id: 'prometheus-client',
    name: 'Prometheus client conventions',
    description: 'http_request_duration_seconds and http_requests_total, as the Prometheus client libraries name them.',
    queries: {
      latency_p95: defaultQueries.latency_p95,
      error_rate: defaultQueries.error_rate,
      availability: defaultQueries.availability,
      throughput: defaultQueries.throughput,
    },
  },
  {
    id: 'otel-http',
    name: 'OpenTelemetry HTTP semantic conventions',
    description: 'http_server_request_duration_seconds with the http_response_status_code label.',
    queries: {
      latency_p95:
        'histogram_quantile(0.95, sum by (service, le) (rate(http_server_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))',
      error_rate: `100 * ${otelErrorsOrZero('$__rate_interval')} / ${otelRequests('$__rate_interval')}`,
      availability: `100 * (1 - ${otelErrorsOrZero('1h')} / ${otelRequests('1h')})`,
      throughput: otelRequests('$__rate_interval'),
    },
  },
  {
    id: 'node-exporter',
    name: 'node_exporter',
    description: 'Machine CPU and memory utilisation from node_exporter.',
    queries: { cpu: defaultQueries.cpu, memory: defaultQueries.memory },
  },
  {
    id: 'process',
    name: 'Process metrics',
    description: "The service's own process_* metrics: CPU seconds, and resident memory as a share of the machine's.",
    queries: {
      cpu: '100 * sum by (service) (rate(process_cpu_seconds_total{service=~"$service"}[$__rate_interval]))',
      memory:
        '100 * sum by (service) (process_resident_memory_bytes{service=~"$service"}) / sum by (service) (node_memory_MemTotal_bytes{service=~"$service"})',
    },
  },
];

/** A copy of the profile with the preset's queries put into the indicators it names. */
export function applyPreset(profile: Profile, preset: MetricPreset): Profile {
  return {
    ...profile,
    indicators: profile.indicators.map((ind) =>
      preset.queries[ind.id] === undefined ? ind : { ...ind, query: preset.queries[ind.id] }
    ),
  };
}
