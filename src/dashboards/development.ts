import { GROWTH_WINDOW } from '../alerting/signals';
import { interpolate } from '../scoring';
import { formulas, withOffset } from '../scoring/promql';
import { overheadPanel } from './executive';
import { frame, periodPhrase, type Board, type DashboardTargets } from './frame';
import { bandThresholds, barsPanel, ownTarget, promTarget, PROMETHEUS, seriesPanel, thresholds } from './panels';
import {
  allowedPercent,
  durationAdjective,
  durationText,
  numberText,
  SERVICE_VARIABLE,
  SLO_WINDOW_VARIABLE,
  type ProfileParts,
} from './profile';
import { groupedAlsoBy } from './promql';
import { common, dashboard, prometheus, table } from './sdk';

/** The label PerfScope's own instrumentation names endpoints by (docs/metrics.md); the profile has none. */
const ROUTE = 'route';
/** 1x spends the error budget exactly in the SLA period: a pace by definition, half of it on the way there. */
const BUDGET_PACE = 1;
// Thresholds of signals the profile has no indicator or alert for: PerfScope's own judgement.
const SLOW_QUERY_SECONDS = { warning: 0.1, critical: 0.5 };

/** Per endpoint and per domain, for the engineers who change the code: raw metrics. */
export function development(parts: ProfileParts, targets: DashboardTargets): Board {
  const label = parts.label;
  const d = parts.profile.domains;
  const offset = d.baselineOffset;
  const board = frame('development', parts, targets, {
    description: `For the engineers who change the code: latency and errors per endpoint and per domain, the error budget each endpoint spends over the SLO window, regressions against the ${durationAdjective(offset)} baseline, deployments, memory growth and the slowest queries. Raw metrics: works without recording rules.`,
    refresh: '1m',
    from: 'now-24h',
    perfscope: false,
    domain: 'The business domains to show.',
    sloWindow: `The window the error budget spent by each endpoint is measured over: a burn-rate tier's window or ${periodPhrase(parts)}.`,
  }).annotation(
    new dashboard.AnnotationQueryBuilder()
      .name('Deployments')
      .datasource(PROMETHEUS)
      .enable(true)
      .hide(false)
      .iconColor('purple')
      .useValueForTime(true)
      .step('1m')
      .titleFormat(`{{${label}}} {{version}} deployed`)
      .tagKeys(`${label},version`)
      .textFormat('')
      .target(
        new prometheus.DataqueryBuilder()
          .refId('Anno')
          .expr(
            parts.own(
              (l) => `max by (${l}, version) (deployment_timestamp_seconds{${l}=~"${SERVICE_VARIABLE}"}) * 1000`
            )
          )
      )
  );

  const latency = parts.indicator('latency_p95');
  const errorRate = parts.indicator('error_rate');
  const byRoute = (query: string) => groupedAlsoBy(query, label, ROUTE);
  const latencyByRoute = latency && byRoute(latency.query);
  if (latency && latencyByRoute) {
    board.withPanel(
      seriesPanel({
        id: 1,
        title: `${latency.name} by endpoint`,
        description: `${latency.name} per service and route (the profile's ${latency.id} query by ${ROUTE}). Deployments are marked on the time axis.`,
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        unit: latency.unit,
        targets: [promTarget('A', latencyByRoute, `{{${label}}} {{${ROUTE}}}`)],
        thresholds: { steps: bandThresholds(parts.valueSteps(latency)) },
      })
    );
  }
  const errorsByRoute = errorRate && byRoute(errorRate.query);
  if (errorRate && errorsByRoute) {
    board.withPanel(
      seriesPanel({
        id: 2,
        title: `${errorRate.name} by endpoint`,
        description: `Percentage of each route's requests that failed with a 5xx (the profile's ${errorRate.id} query by ${ROUTE}).`,
        gridPos: { x: 12, y: 0, w: 12, h: 8 },
        unit: errorRate.unit,
        targets: [promTarget('A', errorsByRoute, `{{${label}}} {{${ROUTE}}}`)],
        thresholds: { steps: bandThresholds(parts.valueSteps(errorRate)) },
      })
    );
  }
  const domainMetric = parts.domainMetric().replace(/_(sum|count|bucket)$/, '');
  board.withPanel(
    seriesPanel({
      id: 3,
      title: 'Latency by domain',
      description: `Mean time of one call into each business domain (${domainMetric}); the error rate by domain beside it shows which domain fails.`,
      gridPos: { x: 0, y: 8, w: 12, h: 8 },
      unit: 's',
      targets: [promTarget('A', d.domainLatencyQuery, `{{${label}}} {{domain}}`)],
    })
  );
  board.withPanel(
    seriesPanel({
      id: 11,
      title: 'Error rate by domain',
      description: `Percentage of the calls into each business domain that failed (domain_errors_total over ${domainMetric}_count): where inside the service requests fail.`,
      gridPos: { x: 12, y: 8, w: 12, h: 8 },
      unit: 'percent',
      targets: [
        ownTarget(
          parts,
          (l) =>
            `100 * sum by (${l}, domain) (rate(domain_errors_total{${l}=~"${SERVICE_VARIABLE}", domain=~"$domain"}[$__rate_interval])) / sum by (${l}, domain) (rate(${domainMetric}_count{${l}=~"${SERVICE_VARIABLE}", domain=~"$domain"}[$__rate_interval]))`,
          ' {{domain}}'
        ),
      ],
      ...(errorRate ? { thresholds: { steps: bandThresholds(parts.valueSteps(errorRate)) } } : {}),
    })
  );
  board.withPanel(overheadPanel(parts, 4, { x: 0, y: 16, w: 12, h: 8 }, 'development'));
  const budget = endpointBudgetPanel(parts);
  if (budget) {
    board.withPanel(budget);
  }

  // Regressions: now against the profile's baseline offset, as the latency regression alert compares.
  const regression = parts.alert('perfscope-latency-regression-info');
  const regressionPercent = regression?.comparisons[0].threshold ?? parts.options.regressionPercent;
  const regressionSteps = () => thresholds('ok', [regressionPercent / 2, 'info'], [regressionPercent, 'warning']);
  const change = (now: string, where: string) => {
    const then = withOffset(now, offset, where);
    return `100 * ((${now}) - (${then})) / (${then})`;
  };
  const ago = `${durationText(offset)} ago`;
  if (latency) {
    const where = `indicators[${parts.profile.indicators.indexOf(latency)}].query`;
    board.withPanel(
      seriesPanel({
        id: 5,
        title: `${latency.name} against ${ago}`,
        description: `How much slower (positive) or faster each service's ${latency.name} is than at the same time ${durationText(offset)} earlier, in percent. ${regressionPercent} % and more ${regression ? `raises an ${regression.severity} alert` : 'is a regression'}; a jump right after a deployment marker is a regression.`,
        gridPos: { x: 0, y: 24, w: 12, h: 8 },
        unit: 'percent',
        targets: [promTarget('A', change(latency.query, where), `{{${label}}}`)],
        thresholds: { steps: regressionSteps() },
      })
    );
    if (latencyByRoute) {
      board.withPanel(
        barsPanel({
          id: 6,
          title: `Endpoints against ${ago}`,
          description: `Change of each route's ${latency.name} against the same time ${durationText(offset)} earlier, in percent, slowest first.`,
          gridPos: { x: 12, y: 24, w: 12, h: 8 },
          expr: `sort_desc(${change(latencyByRoute, where)})`,
          legend: `{{${label}}} {{${ROUTE}}}`,
          unit: 'percent',
          decimals: 1,
          steps: regressionSteps(),
        })
      );
    }
  }
  board.withPanel(
    barsPanel({
      id: 7,
      title: `Domains against ${ago}`,
      description: `Change of each business domain's mean latency against the same time ${durationText(offset)} earlier, in percent.`,
      gridPos: { x: 0, y: 32, w: 12, h: 8 },
      expr: `sort_desc(${change(d.domainLatencyQuery, 'domains.domainLatencyQuery')})`,
      legend: `{{${label}}} {{domain}}`,
      unit: 'percent',
      decimals: 1,
      steps: regressionSteps(),
    })
  );
  const growth = parts.alert('perfscope-memory-growth-info');
  const growthBytes = growth?.comparisons[0].threshold ?? parts.options.memoryGrowthBytesPerDay;
  board.withPanel(
    seriesPanel({
      id: 8,
      title: 'Memory growth per day (leak indicator)',
      description: `How fast each service's resident memory grows, in bytes a day (linear trend over the last day). A steady growth above ${numberText(growthBytes / 1e6)} MB a day for ${durationText(GROWTH_WINDOW)} raises an ${growth?.severity ?? 'info'} alert: likely a leak.`,
      gridPos: { x: 12, y: 32, w: 12, h: 8 },
      unit: 'decbytes',
      targets: [
        ownTarget(
          parts,
          (l) => `sum by (${l}) (deriv(process_resident_memory_bytes{${l}=~"${SERVICE_VARIABLE}"}[1d])) * 86400`
        ),
      ],
      thresholds: {
        steps: thresholds('ok', [growthBytes, 'warning']),
      },
    })
  );
  board.withPanel(
    seriesPanel({
      id: 9,
      title: 'Resident memory',
      description: "Resident memory of each service's processes.",
      gridPos: { x: 0, y: 40, w: 12, h: 8 },
      unit: 'bytes',
      targets: [ownTarget(parts, (l) => `sum by (${l}) (process_resident_memory_bytes{${l}=~"${SERVICE_VARIABLE}"})`)],
    })
  );
  board.withPanel(slowestQueries(parts));
  return board;
}

/**
 * How fast each route spends its service's error budget over the chosen window: the route's error ratio (the
 * SLA's query by route) times its requests, over all the service's requests, as a burn rate. The routes of a
 * service add up to its burn rate.
 */
function endpointBudgetPanel(parts: ProfileParts) {
  const label = parts.label;
  const sla = parts.profile.sla;
  const requests = interpolate(parts.throughputQuery(), { __rate_interval: SLO_WINDOW_VARIABLE });
  const ratioByRoute = groupedAlsoBy(parts.errorRatio(SLO_WINDOW_VARIABLE), label, ROUTE);
  const requestsByRoute = groupedAlsoBy(requests, label, ROUTE);
  if (!ratioByRoute || !requestsByRoute) {
    return null;
  }
  const share = `(${ratioByRoute}) * (${requestsByRoute}) / on (${label}) group_left () (${requests})`;
  return barsPanel({
    id: 12,
    title: 'Error budget spent by endpoint over $slo_window',
    description: `How fast each route spends its service's error budget over the SLO window: its failed requests over all the service's requests, against the ${allowedPercent(sla.target)} % a ${sla.target} % SLO allows. The routes of a service add up to its burn rate (Operations' panel); ${BUDGET_PACE}x spends the budget exactly in ${parts.periodLength()}.`,
    gridPos: { x: 12, y: 16, w: 12, h: 8 },
    expr: `sort_desc(${formulas.burnRate(share, sla.target)})`,
    legend: `{{${label}}} {{${ROUTE}}}`,
    unit: 'suffix:x',
    decimals: 2,
    steps: thresholds('ok', [BUDGET_PACE / 2, 'info'], [BUDGET_PACE, 'warning']),
  });
}

/** The ten slowest database queries over the dashboard's range (PerfScope's own db_query_duration_seconds). */
function slowestQueries(parts: ProfileParts) {
  const label = parts.label;
  return (
    new table.PanelBuilder()
      .id(10)
      .title('Slowest queries')
      .gridPos({ x: 12, y: 40, w: 12, h: 8 })
      .description("The ten database queries with the highest 95th-percentile time over the dashboard's time range.")
      .datasource(PROMETHEUS)
      .withTarget(
        promTarget(
          'A',
          parts.own(
            (l) =>
              `topk(10, histogram_quantile(0.95, sum by (${l}, query, le) (rate(db_query_duration_seconds_bucket{${l}=~"${SERVICE_VARIABLE}"}[$__range]))))`
          ),
          `{{${label}}}`,
          'instant'
        ).format(prometheus.PromQueryFormat.Table)
      )
      .unit('s')
      .decimals(3)
      // @grafana/schema 12.4 requires a cell type where the SDK's table defaults have none: Grafana's own default.
      .cellOptions({ type: common.TableCellDisplayMode.Auto })
      .overrideByName('Value', [
        { id: 'displayName', value: 'p95' },
        { id: 'custom.cellOptions', value: { type: 'color-background', mode: 'gradient' } },
        {
          id: 'thresholds',
          value: thresholds(
            'ok',
            [SLOW_QUERY_SECONDS.warning, 'warning'],
            [SLOW_QUERY_SECONDS.critical, 'critical']
          ).build(),
        },
      ])
      .showHeader(true)
      .cellHeight(common.TableCellHeight.Sm)
      .frameIndex(0)
      .sortBy([new common.TableSortByFieldStateBuilder().displayName('p95').desc(true)])
      .withTransformation({
        id: 'organize',
        options: {
          excludeByName: { Time: true },
          indexByName: { [label]: 0, query: 1, Value: 2 },
          renameByName: {},
        },
      })
  );
}
