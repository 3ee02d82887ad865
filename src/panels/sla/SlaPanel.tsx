import { css } from '@emotion/css';
import React, { useMemo, useState } from 'react';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bySeverity } from '../../components/bands';
import { NoticeMark } from '../../components/NoticeMark';
import { useAppProfile } from '../../components/profile/useAppProfile';
import { Notices } from '../../components/Notices';
import { beforeData, withoutData } from '../shared/components/states';
import { formatSetting, formatValue, shownValues } from '../../views/display';
import { isFirstLoad, noticeSummary, queryErrors } from '../../views/state';
import { BudgetPolicy } from './components/BudgetPolicy';
import { BurnDown } from './components/BurnDown';
import { FiringTiers } from './components/FiringTiers';
import { MonthHistory } from './components/MonthHistory';
import { ServicePicker } from './components/ServicePicker';
import { Objective, type ObjectiveProps } from './components/Objective';
import { COMPACT, objectivesLayout } from './data/layout';
import { useBoxHeight } from '../../components/useBoxHeight';
import { grafanaMeasure } from '../../components/measure';
import { TierTable } from './components/TierTable';
import type { Band } from '../../scoring';
import type { ServiceSla } from './data/model';
import { objectiveValues } from './data/objectives';
import { panelSla } from './data/panelSla';
import { slaView } from './data/slaView';
import { firstService, slaStatus } from './data/status';
import { defaultOptions, type SlaOptions } from './types';

export function SlaPanel(props: PanelProps<SlaOptions>) {
  const { data, width, height, fieldConfig, replaceVariables, timeZone } = props;
  // Grafana fills in the builder's defaults; a dashboard written by hand may still lack newer options.
  const options = useMemo(() => ({ ...defaultOptions, ...props.options }), [props.options]);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const app = useAppProfile();
  const [chosen, setChosen] = useState<string>();
  const [body, bodyHeight] = useBoxHeight<HTMLDivElement>(height);

  const settings = useMemo(() => app && panelSla(app.profile, options.sla), [app, options.sla]);
  const breach = app?.profile.indicators.find((i) => i.id === options.breachIndicator);
  const view = useMemo(
    () => settings?.sla && slaView(data, settings.sla, breach, { queries: options.queries }),
    [data, settings, breach, options.queries]
  );
  const name = view && firstService(view.services, chosen ?? options.service);
  const current = view?.services.find((s) => s.service === name);
  const status = current && settings?.sla ? slaStatus(current, settings.sla) : undefined;
  const shown = useMemo(
    () =>
      current &&
      status &&
      shownValues(
        objectiveValues(current, status),
        { fieldConfig, replaceVariables, theme, timeZone, colorBy: options.colorBy },
        'No data'
      ),
    [current, status, fieldConfig, replaceVariables, theme, timeZone, options.colorBy]
  );

  const gate = beforeData(!app || isFirstLoad(data), 'SLA', settings?.problems);
  if (gate || !app || !settings?.sla) {
    return gate;
  }
  const errors = queryErrors(data);
  if (!view || !current || !status || !shown) {
    return withoutData(
      errors,
      <>
        The SLA panel reads error ratios per window (labelled window), the period&apos;s error ratio, latency compliance
        and request and error rates, or the PerfScope datasource&apos;s SLA query.
      </>
    );
  }
  const sla = settings.sla;
  const { report } = current;
  const compact = height < COMPACT.height || width < COMPACT.width;
  const budget = report.budgetRemaining;
  const mttr = current.mttr;
  const [availability, budgetShown, latency, mttrShown] = (['availability', 'budget', 'latency', 'mttr'] as const).map(
    (key) => shown.get(key)!
  );
  const overspent = budget !== null && budget < 0;
  const cards: Array<{ key: string; band: Band; card: Omit<ObjectiveProps, 'valueFont'> }> = [
    {
      key: 'availability',
      band: status.availability,
      card: {
        title: compact && view.services.length > 1 ? `${current.service} availability` : 'Availability',
        value: availability.text,
        band: status.availability,
        color: availability.color,
        detail: `target ${percent(sla.target)} over ${sla.period === 'month' ? 'the month' : sla.period}`,
      },
    },
    {
      key: 'budget',
      band: status.budget,
      card: {
        title: overspent ? 'Error budget overspent by' : 'Error budget remaining',
        value: overspent ? budgetShown.format(-100 * budget) : budgetShown.text,
        band: status.budget,
        color: budgetShown.color,
        detail: `${overspent ? 'over the' : 'of'} ${percent(100 - sla.target)} errors allowed`,
      },
    },
    {
      key: 'latency',
      band: status.latency,
      card: {
        title: 'Latency SLO',
        value: latency.text,
        band: status.latency,
        color: latency.color,
        detail: `under ${formatValue(sla.latencyThreshold, 's')}, target ${percent(sla.latencyTarget)}`,
      },
    },
    {
      key: 'mttr',
      band: status.mttr,
      card: {
        title: 'MTTR',
        value: mttr && mttr.mttr === null ? NO_RESOLVED : mttrShown.text,
        band: status.mttr,
        color: mttrShown.color,
        detail: mttrDetail(sla.mttrTarget, mttr, mttrShown.format),
      },
    },
  ];
  // Small: the worst objective only (ties in the objectives' order), beside any firing tier.
  const order = cards.map((c) => c.key);
  const objectives = compact
    ? [...cards]
        .sort(
          bySeverity(
            (c) => c.band,
            (c) => c.key,
            (a, b) => order.indexOf(a.key) - order.indexOf(b.key)
          )
        )
        .slice(0, 1)
    : cards;
  const firing = report.tiers.filter((t) => t.firing).length;
  const firingLines = firing && Math.ceil(firing / Math.max(1, Math.floor(width / FIRING_TIER_WIDTH)));
  const policyLines = current.budget ? (compact ? 1 : 2) : 0;
  const boxHeight = bodyHeight - (firingLines + policyLines) * FIRING_LINE;
  const fit = objectivesLayout(
    { width: compact ? width : width - SCROLLBAR, height: boxHeight },
    objectives.length,
    objectives.map((o) => o.card.value).reduce((a, b) => (b.length > a.length ? b : a), ''),
    compact,
    grafanaMeasure
  );
  const missing = missingParts(current);
  const warnings = [...errors, ...view.problems, ...missing];
  const infos = app.notice ? [app.notice] : [];
  return (
    <div className={styles.panel} data-testid="perfscope-sla" data-layout={compact ? 'compact' : 'full'}>
      {view.services.length > 1 && !compact && (
        <ServicePicker
          services={view.services.map((s) => s.service)}
          value={current.service}
          onChange={setChosen}
          width={width}
        />
      )}
      <div className={styles.body} tabIndex={0} role="group" aria-label="Objectives" ref={body}>
        <FiringTiers tiers={report.tiers} />
        {current.budget && (
          <BudgetPolicy
            budget={current.budget}
            period={sla.period === 'month' ? 'month' : sla.period}
            compact={compact}
          />
        )}
        <div className={styles.objectives} style={{ gridTemplateColumns: `repeat(${fit.columns}, minmax(0, 1fr))` }}>
          {objectives.map((o) => (
            <Objective key={o.key} {...o.card} valueFont={fit.valueFont} compact={compact} height={fit.cardHeight} />
          ))}
        </div>
        {!compact && options.showBurnDown && current.burnDown && (
          <BurnDown
            {...current.burnDown}
            width={Math.max(0, width - 16)}
            height={fit.burnDownHeight}
            color={budgetShown.color}
            format={(v) => (v < 0 ? `overspent by ${budgetShown.format(-100 * v)}` : budgetShown.format(100 * v))}
          />
        )}
        {!compact && options.showTiers && report.tiers.length > 0 && <TierTable tiers={report.tiers} />}
        {!compact && options.showHistory && current.history.length > 0 && (
          <MonthHistory months={current.history} target={percent(sla.target)} format={availability.format} />
        )}
      </div>
      {!compact && <Notices warnings={warnings} infos={infos} />}
      {compact && warnings.length + infos.length > 0 && (
        <div className={styles.mark}>
          <NoticeMark warnings={warnings} infos={infos} summary={noticeSummary(errors.length, missing.length)} />
        </div>
      )}
    </div>
  );
}

// The firing tiers' (and the policy's) lines above the objectives, and room for a scroll bar in the full layout.
const FIRING_LINE = 22;
const FIRING_TIER_WIDTH = 130;
const SCROLLBAR = 16;

// Percent settings (targets) in the style of Grafana's percent unit, as the values beside them.
const percent = (v: number) => formatSetting(v, 'percent');

// An MTTR without a resolved breach: no value, as Grafana's stat panels write one (the detail says why).
const NO_RESOLVED = '–';

function mttrDetail(
  target: string,
  mttr: { resolved: unknown[]; open: { length: number } | null } | null,
  format: (ms: number) => string
): string {
  if (!mttr) {
    return `target ${target}`;
  }
  const open = mttr.open ? `, one open for ${format(mttr.open.length)}` : '';
  return `target ${target}; ${mttr.resolved.length} resolved${open}`;
}

/** The parts of the SLA that no query answered, so that their absence is not mistaken for health. */
function missingParts(s: ServiceSla): string[] {
  const out: string[] = [];
  if (s.report.availability === null) {
    out.push('No error ratio over the SLA period: availability and budget are unknown');
  }
  if (s.report.tiers.some((t) => t.longBurnRate === null)) {
    out.push('Some burn-rate windows have no error ratio: those tiers cannot fire');
  }
  if (s.budget?.state === 'nodata' && s.report.availability !== null) {
    out.push('Some error-budget policy windows have no error ratio: the policy state is unknown');
  }
  if (s.latencyCompliance === null) {
    out.push('No latency compliance');
  }
  if (s.mttr === null) {
    out.push('No request and error rates: no MTTR and no monthly history');
  }
  return out;
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ height: '100%', display: 'flex', flexDirection: 'column' }),
  picker: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
    label: { margin: 0 },
  }),
  body: css({ flex: 1, minHeight: 0, overflow: 'auto' }),
  mark: css({ flex: 'none', display: 'flex', justifyContent: 'center', overflow: 'hidden' }),
  objectives: css({ display: 'grid', gap: theme.spacing(1) }),
});
