import { metricNames, type Severity } from '../scoring';
import { formulas } from '../scoring/promql';
import { defaultOptions as healthDefaults, type HealthScoreOptions } from '../panels/healthscore/types';
import { frame, periodPhrase, type Board, type DashboardTargets } from './frame';
import {
  alertList,
  bandThresholds,
  customPanel,
  ownTarget,
  PERFSCOPE,
  perfScopeTarget,
  promTarget,
  seriesPanel,
  statPanel,
  thresholds,
} from './panels';
import {
  durationText,
  factorText,
  listText,
  percentile,
  thresholdsText,
  type ProfileParts,
  SERVICE_VARIABLE,
} from './profile';
import { atQuantile, groupedAlsoBy, quantileOf, serverErrorLabel, withMatcher } from './promql';

// Thresholds of signals the profile has no indicator or alert for: PerfScope's own judgement.
const DISK_PERCENT = { warning: 85, critical: 95 };
const CACHE_HIT_RATIO = { warning: 0.9, critical: 0.8 };

/** The signals behind the score, for on-call: raw metrics and the PerfScope datasource. */
export function operations(parts: ProfileParts, targets: DashboardTargets): Board {
  const label = parts.label;
  const board = frame('operations', parts, targets, {
    description:
      "The signals behind the score for on-call: the health breakdown, latency percentiles, throughput, errors by code and by domain, CPU, memory, disk, network, database pool and query time, cache hit ratio and PerfScope's alerts. Raw metrics and the PerfScope datasource: works without recording rules.",
    refresh: '1m',
    from: 'now-6h',
    perfscope: true,
    domain: 'The business domains the errors by domain show.',
    sloWindow: `The window availability is measured over: the burn-rate tiers' windows and ${periodPhrase(parts)}.`,
  });

  const enabled = parts.profile.indicators.filter((i) => i.enabled).map((i) => i.name);
  board.withPanel(
    customPanel<HealthScoreOptions>('perfscope-healthscore-panel', healthDefaults)
      .id(1)
      .title('Health breakdown')
      .gridPos({ x: 0, y: 0, w: 12, h: 10 })
      .description(
        `Each service's health score as the PerfScope datasource computes it with the profile of the app settings, and the breakdown: every indicator's value (${listText(enabled)}), sub-score and points lost, and the key indicator that capped the score. Works on any Prometheus, no recording rules needed.`
      )
      .datasource(PERFSCOPE)
      .withTarget(perfScopeTarget('A', { queryType: 'health', service: SERVICE_VARIABLE }))
      .unit('none')
      .decimals(1)
      .min(0)
      .max(100)
      .thresholds(bandThresholds(parts.scoreSteps()))
  );
  board.withPanel(
    alertList({
      id: 13,
      title: 'Alerts',
      description:
        "PerfScope's alerts for the selected services (label perfscope=managed) that fire, are pending or cannot be evaluated, most recent first. Each links to the panel that explains it.",
      gridPos: { x: 12, y: 0, w: 12, h: 10 },
      groupBy: [],
    })
  );

  const latency = parts.indicator('latency_p95');
  if (latency) {
    // The indicator's own quantile as it is, p50 and p99 beside it when its query is a histogram_quantile.
    const own = quantileOf(latency.query);
    const quantiles = own === null ? [] : [...new Set([0.5, own, 0.99])].sort((a, b) => a - b);
    const series =
      own === null
        ? [{ name: latency.name, expr: latency.query }]
        : quantiles.map((q) => ({
            name: percentile(q),
            expr: q === own ? latency.query : atQuantile(latency.query, q)!,
          }));
    const histogram = metricNames(latency.query)[0]?.replace(/_bucket$/, '');
    board.withPanel(
      seriesPanel({
        id: 2,
        title: own === null ? latency.name : `Latency ${quantiles.map(percentile).join(' / ')}`,
        description: `Request latency ${own === null ? '' : 'percentiles '}per service${histogram ? ` from the ${histogram} histogram` : ''}. ${thresholdsText(latency, own === null ? '' : percentile(own))}`,
        gridPos: { x: 0, y: 10, w: 12, h: 8 },
        unit: latency.unit,
        targets: series.map((s, i) =>
          promTarget(String.fromCharCode(65 + i), s.expr, `{{${label}}}${own === null ? '' : ` ${s.name}`}`)
        ),
        thresholds: { steps: bandThresholds(parts.valueSteps(latency)) },
      })
    );
  }
  const throughput = parts.throughputQuery();
  board.withPanel(
    seriesPanel({
      id: 3,
      title: 'Throughput',
      description: 'Requests per second per service.',
      gridPos: { x: 12, y: 10, w: 12, h: 8 },
      unit: 'reqps',
      targets: [promTarget('A', throughput, `{{${label}}}`)],
    })
  );
  // The requests that did not succeed, by the status label the SLA's error ratio tells server errors by.
  const status = serverErrorLabel(parts.profile.sla.errorRatioQuery);
  const byStatus = status && groupedAlsoBy(throughput, label, status);
  const failed = status && byStatus && withMatcher(byStatus, `${status}!~"[123].."`);
  if (status && failed) {
    board.withPanel(
      seriesPanel({
        id: 4,
        title: 'Errors by code',
        description: `Requests per second that did not succeed, per service and status code (${status} 4xx and 5xx; only the server errors the SLA's error ratio counts go against the SLA).`,
        gridPos: { x: 0, y: 18, w: 12, h: 8 },
        unit: 'reqps',
        targets: [promTarget('A', failed, `{{${label}}} {{${status}}}`)],
        bars: true,
      })
    );
  }
  const errorRate = parts.indicator('error_rate');
  if (errorRate) {
    board.withPanel(
      seriesPanel({
        id: 5,
        title: 'Error rate',
        description: `Percentage of requests that failed with a 5xx, per service. ${thresholdsText(errorRate)}`,
        gridPos: { x: 12, y: 18, w: 12, h: 8 },
        unit: errorRate.unit,
        targets: [promTarget('A', errorRate.query, `{{${label}}}`)],
        thresholds: { steps: bandThresholds(parts.valueSteps(errorRate)) },
      })
    );
  }
  for (const [id, indicatorId, title, what, x] of [
    [6, 'cpu', 'CPU', 'CPU utilisation', 0],
    [7, 'memory', 'Memory', 'Memory utilisation', 8],
  ] as const) {
    const ind = parts.indicator(indicatorId);
    if (!ind) {
      continue;
    }
    const panel = seriesPanel({
      id,
      title,
      description: `${what} per service as the profile's ${ind.id} indicator measures it, from ${listText(metricNames(ind.query))}. ${thresholdsText(ind)}`,
      gridPos: { x, y: 26, w: 8, h: 8 },
      unit: ind.unit,
      targets: [promTarget('A', ind.query, `{{${label}}}`)],
      thresholds: { steps: bandThresholds(parts.valueSteps(ind)) },
    });
    board.withPanel(ind.unit === 'percent' ? panel.min(0).max(100) : panel);
  }
  board.withPanel(
    seriesPanel({
      id: 8,
      title: 'Disk used',
      description: 'Filesystem space used per service and mount point, in percent.',
      gridPos: { x: 16, y: 26, w: 8, h: 8 },
      unit: 'percent',
      targets: [
        ownTarget(
          parts,
          (l) =>
            `100 * (1 - sum by (${l}, mountpoint) (node_filesystem_avail_bytes{${l}=~"${SERVICE_VARIABLE}"}) / sum by (${l}, mountpoint) (node_filesystem_size_bytes{${l}=~"${SERVICE_VARIABLE}"}))`,
          ' {{mountpoint}}'
        ),
      ],
      thresholds: {
        steps: thresholds('ok', [DISK_PERCENT.warning, 'warning'], [DISK_PERCENT.critical, 'critical']),
      },
    })
      .min(0)
      .max(100)
  );
  const network = (metric: string) =>
    parts.own((l) => `sum by (${l}) (rate(${metric}{${l}=~"${SERVICE_VARIABLE}"}[$__rate_interval]))`);
  board.withPanel(
    seriesPanel({
      id: 9,
      title: 'Network',
      description: 'Bytes per second received (up) and sent (down) per service.',
      gridPos: { x: 0, y: 34, w: 8, h: 8 },
      unit: 'Bps',
      targets: [
        promTarget('A', network('node_network_receive_bytes_total'), `{{${label}}} received`),
        promTarget('B', network('node_network_transmit_bytes_total'), `{{${label}}} sent`),
      ],
    }).overrideByQuery('B', [{ id: 'custom.transform', value: 'negative-Y' }])
  );
  const pool = parts.alert('perfscope-db-pool-warning');
  const poolWarning = pool?.comparisons[0].threshold ?? parts.options.dbPoolWarning;
  board.withPanel(
    seriesPanel({
      id: 10,
      title: 'Database pool',
      description: `Share of each service's database connections in use. Above ${poolWarning} %${
        pool ? ` for ${durationText(pool.for)} a ${pool.severity} fires` : ''
      }: requests start to queue for a connection.`,
      gridPos: { x: 8, y: 34, w: 8, h: 8 },
      unit: 'percent',
      targets: [
        ownTarget(
          parts,
          (l) =>
            `100 * sum by (${l}) (db_pool_connections_in_use{${l}=~"${SERVICE_VARIABLE}"}) / sum by (${l}) (db_pool_connections_max{${l}=~"${SERVICE_VARIABLE}"})`
        ),
      ],
      thresholds: {
        steps: thresholds('ok', [poolWarning, 'warning']),
      },
    })
      .min(0)
      .max(100)
  );
  board.withPanel(
    seriesPanel({
      id: 11,
      title: 'Database query time p95',
      description: '95th percentile of database query time per service, from the db_query_duration_seconds histogram.',
      gridPos: { x: 16, y: 34, w: 8, h: 8 },
      unit: 's',
      targets: [
        ownTarget(
          parts,
          (l) =>
            `histogram_quantile(0.95, sum by (${l}, le) (rate(db_query_duration_seconds_bucket{${l}=~"${SERVICE_VARIABLE}"}[$__rate_interval])))`
        ),
      ],
    })
  );
  board.withPanel(burnRatePanel(parts));
  board.withPanel(
    seriesPanel({
      id: 12,
      title: 'Cache hit ratio',
      description: 'Share of cache lookups that hit, per service.',
      gridPos: { x: 0, y: 42, w: 12, h: 7 },
      unit: 'percentunit',
      targets: [
        ownTarget(
          parts,
          (l) =>
            `sum by (${l}) (rate(cache_requests_total{${l}=~"${SERVICE_VARIABLE}", result="hit"}[$__rate_interval])) / sum by (${l}) (rate(cache_requests_total{${l}=~"${SERVICE_VARIABLE}"}[$__rate_interval]))`
        ),
      ],
      thresholds: {
        steps: thresholds('critical', [CACHE_HIT_RATIO.critical, 'warning'], [CACHE_HIT_RATIO.warning, 'ok']),
      },
    })
      .min(0)
      .max(1)
  );
  board.withPanel(
    seriesPanel({
      id: 15,
      title: 'Errors by domain',
      description:
        'Calls into each business domain that failed, per second (domain_errors_total): which domain the errors come from.',
      gridPos: { x: 12, y: 42, w: 12, h: 7 },
      unit: 'ops',
      targets: [
        ownTarget(
          parts,
          (l) =>
            `sum by (${l}, domain) (rate(domain_errors_total{${l}=~"${SERVICE_VARIABLE}", domain=~"$domain"}[$__rate_interval]))`,
          ' {{domain}}'
        ),
      ],
      bars: true,
    })
  );
  return board;
}

/**
 * Each service's burn rate over the chosen window, from the raw counters with the SLA's error ratio query,
 * coloured where the enabled tiers fire: each severity from its lowest factor.
 */
function burnRatePanel(parts: ProfileParts) {
  const sla = parts.profile.sla;
  const tiers = parts.tiers();
  const severities = (['info', 'warning', 'critical'] as const)
    .map((severity) => ({
      severity,
      factor: Math.min(...tiers.filter((t) => t.severity === severity).map((t) => t.factor)),
    }))
    .filter((s) => Number.isFinite(s.factor))
    .sort((a, b) => a.factor - b.factor);
  const fired =
    tiers.length === 0
      ? 'no burn-rate tier is enabled'
      : `the enabled tiers alert from ${listText(tiers.map((t) => `${factorText(t.factor)}x over ${t.longWindow} (${t.severity})`))}`;
  return statPanel({
    id: 14,
    title: 'Error budget burn rate over $slo_window',
    description: `How many times faster than the ${sla.target} % SLO allows each service spends its error budget over the chosen window: 1x spends it exactly in ${parts.periodLength()}; ${fired}. From the raw request counters.`,
    gridPos: { x: 0, y: 49, w: 24, h: 5 },
    expr: formulas.burnRate(parts.errorRatio('$slo_window'), sla.target),
    legend: `{{${parts.label}}}`,
    unit: 'suffix:x',
    decimals: 2,
    steps: thresholds('ok', ...severities.map((s): [number, Severity] => [s.factor, s.severity])),
  });
}
