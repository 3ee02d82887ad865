// Every metric of docs/metrics.md, labelled `service`, in one registry.
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';

import { LATENCY_BUCKETS } from './latency';

export const DB_QUERY_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];

export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  const registers = [registry];
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers });
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request.',
      labelNames: ['route', 'method'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    requests: counter('http_requests_total', 'HTTP requests answered, by status code.', ['route', 'method', 'code']),
    domainDuration: new Summary({
      name: 'domain_duration_seconds',
      help: 'Time spent in each business domain.',
      labelNames: ['domain'],
      percentiles: [],
      registers,
    }),
    domainErrors: counter('domain_errors_total', 'Calls into each business domain that failed.', ['domain']),
    cpu: counter('node_cpu_seconds_total', 'CPU time by mode.', ['cpu', 'mode']),
    memTotal: gauge('node_memory_MemTotal_bytes', 'Memory in total.'),
    memAvailable: gauge('node_memory_MemAvailable_bytes', 'Memory available.'),
    networkReceive: counter('node_network_receive_bytes_total', 'Bytes received.', ['device']),
    networkTransmit: counter('node_network_transmit_bytes_total', 'Bytes sent.', ['device']),
    filesystemSize: gauge('node_filesystem_size_bytes', 'Filesystem size.', ['mountpoint']),
    filesystemAvailable: gauge('node_filesystem_avail_bytes', 'Filesystem space available.', ['mountpoint']),
    residentMemory: gauge('process_resident_memory_bytes', 'Resident memory of the service process.'),
    dbPoolInUse: gauge('db_pool_connections_in_use', 'Database connections in use.'),
    dbPoolMax: gauge('db_pool_connections_max', 'Database connections allowed.'),
    dbQueryDuration: new Histogram({
      name: 'db_query_duration_seconds',
      help: 'Database query time.',
      labelNames: ['query'],
      buckets: DB_QUERY_BUCKETS,
      registers,
    }),
    cacheRequests: counter('cache_requests_total', 'Cache lookups by result.', ['result']),
    deployment: gauge('deployment_timestamp_seconds', "Unix time of the running version's deployment.", ['version']),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
