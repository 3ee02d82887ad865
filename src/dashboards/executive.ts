import { DASHBOARDS } from '../alerting';
import { defaultOptions as healthDefaults, type HealthScoreOptions } from '../panels/healthscore/types';
import { defaultOptions as overheadDefaults, type DomainOverheadOptions } from '../panels/domainoverhead/types';
import { defaultOptions as slaDefaults, type SlaOptions } from '../panels/sla/types';
import { MAX_POINTS } from '../scoring';
import { frame, periodPhrase, type Board, type DashboardTargets } from './frame';
import {
  alertList,
  bandThresholds,
  customPanel,
  DASHBOARD_DATASOURCE,
  dashboardTarget,
  patched,
  promTarget,
  PROMETHEUS,
  seriesPanel,
} from './panels';
import {
  durationAdjective,
  durationText,
  ms,
  RECORDED,
  scoreBandsText,
  scoreLines,
  type ProfileParts,
} from './profile';
import { common, type dashboard } from './sdk';
import { groupPanel, groupRowHeight, groupRowQueries } from './groups';

const DAY = 24 * 3600e3;
/** Prometheus answers a range query with 11,000 points at most. */

/** Health, SLA and overhead at a glance, from PerfScope's recording rules. */
export function executive(parts: ProfileParts, targets: DashboardTargets): Board {
  const board = frame('executive', parts, targets, {
    description: `${groupRowQueries(parts) > 0 ? "Each group's score and band, then health" : 'Health'}, SLA and overhead of every service at a glance, with 24-hour, 7-day and 30-day trends, in ${8 + groupRowQueries(parts)} Prometheus queries a load: it reads PerfScope's recording rules (provisioning/prometheus/perfscope.rules.yml), and the 24-hour and 7-day trends reuse the 30-day one's answer${groupRowQueries(parts) > 0 ? `; the groups come from the PerfScope datasource, ${groupRowQueries(parts)} queries of the raw metrics` : ''}. The Operations dashboard has the burn rate over any SLO window, and a domain variable.`,
    refresh: '5m',
    from: 'now-24h',
    perfscope: groupRowQueries(parts) > 0,
  });
  const top = groupRowHeight(parts);
  if (top > 0) {
    board.withPanel(groupPanel(parts, 8));
  }

  board.withPanel(
    patched<dashboard.Panel>(
      customPanel<HealthScoreOptions>('perfscope-healthscore-panel', { ...healthDefaults, display: 'grid' })
        .id(1)
        .title('Health score')
        .gridPos({ x: 0, y: top, w: 12, h: 10 })
        .description(
          `Each service's composite health score from 0 to 100: ${scoreBandsText()}. Select a tile for the breakdown: which indicator cost how many points. Scored in the browser with the app's profile from the indicator values PerfScope's recording rules keep (${RECORDED.value}); the Operations dashboard scores the raw metrics without them.`
        )
        .datasource(PROMETHEUS)
        .withTarget(promTarget('A', parts.recorded(RECORDED.value), '{{indicator}}'))
        .unit('none')
        .decimals(1)
        .min(0)
        .max(100)
        .thresholds(bandThresholds(parts.scoreSteps())),
      (panel) => {
        // A data link ({title, url}, @grafana/schema's DataLink): the SDK types field links as dashboard links.
        (panel.fieldConfig!.defaults as { links?: unknown[] }).links = [
          {
            title: 'Operations: ${__field.labels.service}',
            url: `/d/${DASHBOARDS.operations}?var-service=\${__field.labels.service}&\${__url_time_range}`,
          },
        ];
      }
    )
  );
  board.withPanel(slaPanel(parts, top));
  board.withPanel(overheadPanel(parts, 3, { x: 0, y: top + 10, w: 12, h: 9 }, 'executive'));
  board.withPanel(
    alertList({
      id: 4,
      title: 'Active alerts by severity',
      description:
        "PerfScope's alerts (label perfscope=managed) that fire, are pending or cannot be evaluated, grouped by severity. The Operations dashboard lists them with their state history.",
      gridPos: { x: 12, y: top + 10, w: 12, h: 9 },
      groupBy: ['severity'],
    })
  );
  for (const panel of trendPanels(parts, top)) {
    board.withPanel(panel);
  }
  return board;
}

/** The 30-day trend's panel: the one of the three trends that queries Prometheus. */
const TREND_SOURCE = 7;
/** 30 days at one point every 5 minutes: 8,640 points, within Prometheus's 11,000, and the 24-hour view keeps 288. */
const TREND_STEP = '5m';

/**
 * The health score over the last 24 hours, 7 days and 30 days. Only the 30-day panel queries Prometheus, at a
 * 5-minute step; the other two reuse its answer through Grafana's Dashboard datasource (the same series, drawn
 * over their own shorter time range).
 */
function trendPanels(parts: ProfileParts, top: number) {
  return (['24h', '7d', '30d'] as const).map((from, i) => {
    const id = 5 + i;
    const source = id === TREND_SOURCE;
    const panel = seriesPanel({
      id,
      title: `Health score, last ${durationText(from)}`,
      description: `The health score of each service over the last ${durationText(from)}, from the recording rule ${RECORDED.health} (provisioning/prometheus/perfscope.rules.yml), one point every ${durationText(TREND_STEP)}${source ? '' : ": the 30-day panel's answer, reused"}; the bands' lines at ${scoreLines()}.`,
      gridPos: { x: 8 * i, y: top + 19, w: 8, h: 8 },
      unit: 'none',
      targets: source
        ? [promTarget('A', parts.recorded(RECORDED.health), '{{service}}')]
        : [dashboardTarget('A', TREND_SOURCE)],
      thresholds: { steps: bandThresholds(parts.scoreSteps()), style: common.GraphThresholdsStyleMode.Dashed },
    })
      .min(0)
      .max(100)
      .decimals(1)
      .timeFrom(from)
      .hideTimeOverride(false);
    return source
      ? panel.interval(TREND_STEP).maxDataPoints(ms('30d') / ms(TREND_STEP))
      : panel.datasource(DASHBOARD_DATASOURCE);
  });
}

/**
 * The SLA panel on the recorded series. Its own time range covers the SLA period and the whole previous
 * calendar month (62 days at least); its step is the shortest window the rules record both the error ratio and
 * the request rate at that keeps the range within Prometheus's points and divides it, so each step counts every
 * request once.
 */
function slaPanel(parts: ProfileParts, top: number) {
  const sla = parts.profile.sla;
  const period = parts.periodWindow();
  const days = Math.max(62, Math.ceil(parts.periodMs() / DAY));
  const range = days * DAY;
  const requests = parts.recordedWindows(RECORDED.requestsPerSecond);
  const step = parts
    .recordedWindows(RECORDED.errorRatio)
    .filter((w) => requests.includes(w))
    .sort((a, b) => ms(a) - ms(b))
    .find((w) => range / ms(w) <= MAX_POINTS && range % ms(w) === 0);
  const rates = step
    ? `Its rates are the ${durationAdjective(step)} recorded ones, one point every ${durationText(step)}, so each month counts every request once and MTTR is measured in steps of ${step}.`
    : 'Without MTTR or monthly history: the recording rules record the error ratio and the request rate at no common window (a burn-rate tier short window) that fits the range.';
  const panel = customPanel<SlaOptions>('perfscope-sla-panel', {
    ...slaDefaults,
    breachIndicator: parts.indicator(slaDefaults.breachIndicator) ? slaDefaults.breachIndicator : '',
  })
    .id(2)
    .title('SLA and error budget')
    .gridPos({ x: 12, y: top, w: 12, h: 10 })
    .description(
      `Availability against the ${sla.target} % SLA target over ${periodPhrase(parts)}, the error budget left and its burn-down, the burn-rate tiers (long and short window against each factor), latency SLO compliance, MTTR and the month-by-month history. It always shows the last ${days} days, whatever the dashboard's range: the burn-down spans a whole SLA period and the history the whole previous calendar month. ${rates} Reads PerfScope's recording rules (${[RECORDED.errorRatio, RECORDED.latencyCompliance, ...(step ? [RECORDED.requestsPerSecond] : [])].join(', ')}): load provisioning/prometheus/perfscope.rules.yml into your Prometheus and keep ${days} days of them.`
    )
    .datasource(PROMETHEUS)
    .timeFrom(`${days}d`)
    .hideTimeOverride(false)
    .withTarget(promTarget('windows', parts.recorded(RECORDED.errorRatio), '{{service}} {{window}}', 'instant'))
    .withTarget(
      promTarget(
        'period',
        parts.recorded(RECORDED.errorRatio, step ? [...new Set([period, step])] : period),
        '{{service}} {{window}}'
      )
    )
    .withTarget(promTarget('latency', parts.recorded(RECORDED.latencyCompliance), '{{service}}', 'instant'))
    .unit('percent')
    .decimals(3)
    .overrideByName('Error budget remaining', [{ id: 'decimals', value: 1 }])
    .overrideByName('MTTR', [{ id: 'decimals', value: 0 }]);
  if (step) {
    // No errors query: the panel takes the error rate as the step's error ratio (in the period query) times this.
    panel
      .interval(step)
      .maxDataPoints(range / ms(step))
      .withTarget(promTarget('requests', parts.recorded(RECORDED.requestsPerSecond, step), '{{service}} {{window}}'));
  }
  return panel;
}
/** The domain overhead panel: on the recorded overhead (executive) or the raw metrics (development). */
export function overheadPanel(
  parts: ProfileParts,
  id: number,
  gridPos: { x: number; y: number; w: number; h: number },
  where: 'executive' | 'development'
) {
  const d = parts.profile.domains;
  const what =
    d.mode === 'share'
      ? "how much of each service's request time its business domains take (percent)"
      : `how much slower each service's business domains are than ${durationText(d.baselineOffset)} earlier (percent)`;
  const against = (whose: string) =>
    `against ${whose} thresholds (${d.defaults.warning} % warning, ${d.defaults.critical} % critical${
      Object.keys(d.overrides).length > 0 ? ' unless the profile sets a domain its own' : ''
    }), and the system total against its ${d.system.target} % target`;
  const description =
    where === 'executive'
      ? `${capitalised(what)}, ${against("each domain's")}. From PerfScope's recording rule ${RECORDED.domainOverhead} (5-minute rates); the Development dashboard computes it from the raw domain and request time and breaks it down further.`
      : `Each domain's ${d.mode === 'share' ? 'share of request time' : 'latency against its baseline'} ${against('its')}: which domain to look at first. Computed in the browser from the raw domain and request time.`;
  const targets =
    where === 'executive'
      ? [promTarget('domain_overhead', parts.recorded(RECORDED.domainOverhead), '{{service}} {{domain}}')]
      : parts.overheadQueries().map((q) => promTarget(q.refId, q.expr, q.legend));
  return customPanel<DomainOverheadOptions>('perfscope-domainoverhead-panel', overheadDefaults)
    .id(id)
    .title('Domain overhead')
    .description(description)
    .gridPos(gridPos)
    .datasource(PROMETHEUS)
    .targets(targets)
    .unit('percent')
    .decimals(2)
    .min(0)
    .links([]);
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
