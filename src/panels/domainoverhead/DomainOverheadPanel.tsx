import { css } from '@emotion/css';
import React, { useMemo } from 'react';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bandLabel } from '../../components/bands';
import { useAppProfile } from '../../components/profile/useAppProfile';
import { useBoxHeight } from '../../components/useBoxHeight';
import { grafanaMeasure } from '../../components/measure';
import { Notices } from '../../components/Notices';
import { beforeData, withoutData } from '../shared/components/states';
import { shownValues } from '../../views/display';
import { isFirstLoad, queryErrors } from '../../views/state';
import { ServiceOverheadTable } from './components/ServiceOverheadTable';
import { COMPACT, overheadLayout } from './data/layout';
import { overheadView } from './data/overheadView';
import { panelSettings } from './data/panelSettings';
import { sortServices } from './data/sort';
import { defaultOptions, defaultQueries, type DomainOverheadOptions } from './types';

export function DomainOverheadPanel(props: PanelProps<DomainOverheadOptions>) {
  const { data, width, height, fieldConfig, replaceVariables, timeZone } = props;
  // Grafana fills in the builder's defaults; a dashboard written by hand may still lack newer options.
  const options = useMemo(() => ({ ...defaultOptions, ...props.options }), [props.options]);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const app = useAppProfile();
  const { mode, thresholds, queries } = options;

  const settings = useMemo(() => app && panelSettings(app.profile, { mode, thresholds }), [app, mode, thresholds]);
  const view = useMemo(
    () => settings?.settings && overheadView(data, settings.settings, { queries }),
    [data, settings, queries]
  );
  const [body, bodyHeight] = useBoxHeight<HTMLDivElement>(height);
  // A small panel shows the worst first whatever the sort option.
  const compact = width < COMPACT.width || height < COMPACT.height;
  const sorted = useMemo(
    () => (view ? sortServices(view.services, options.sortBy, compact) : []),
    [view, options.sortBy, compact]
  );
  const displays = useMemo(() => {
    const items = sorted.flatMap(({ service }) =>
      [...service.domains, service.system].map((row) => ({
        key: `${service.service}\u0000${row.name}`,
        name: row.name,
        labels: { ...(service.service ? { service: service.service } : {}), domain: row.name },
        value: row.overhead,
        band: row.band,
      }))
    );
    return shownValues(items, { fieldConfig, replaceVariables, theme, timeZone, colorBy: options.colorBy }, 'No data');
  }, [sorted, fieldConfig, replaceVariables, theme, timeZone, options.colorBy]);

  const layout = useMemo(() => {
    const rows = sorted.flatMap((s) => s.rows);
    const longest = (xs: string[]) => xs.reduce((a, b) => (b.length > a.length ? b : a), '');
    const texts = [...displays.values()].map((d) => d.text);
    const parts = {
      rows: rows.length,
      sections: sorted.length,
      longestName: longest(rows.map((r) => r.name)),
      longestValue: longest(texts),
      total: longest(sorted.map((s) => displays.get(`${s.service.service}\u0000${s.service.system.name}`)?.text ?? '')),
      trends: options.showSparklines,
      system: options.showSystem,
      bandLabels: Object.values(bandLabel),
    };
    const first = overheadLayout({ width, height: bodyHeight }, parts, grafanaMeasure);
    // Rows at their smallest that still do not fit: the body scrolls, its scroll bar takes some width.
    const scrolls = first.contentHeight > bodyHeight;
    return scrolls ? overheadLayout({ width: width - SCROLLBAR, height: bodyHeight }, parts, grafanaMeasure) : first;
  }, [sorted, displays, width, bodyHeight, options.showSparklines, options.showSystem]);

  const gate = beforeData(!app || isFirstLoad(data), 'domain overhead', settings?.problems);
  if (gate || !app || !settings?.settings) {
    return gate;
  }
  const errors = queryErrors(data);
  if (!view || view.services.length === 0) {
    const share = settings.settings.mode === 'share';
    const wanted = (share ? ['domainTime', 'totalTime'] : ['domainLatency', 'baseline']) as Array<
      keyof typeof defaultQueries
    >;
    return withoutData(
      errors,
      <>
        {share ? 'Share' : 'Baseline'} mode reads the queries{' '}
        {wanted.map((k) => queries[k] || defaultQueries[k]).join(' and ')}, with service and domain labels, or the
        PerfScope datasource&apos;s domain overhead query.
      </>
    );
  }
  const missing = view.services.flatMap((s) =>
    s.domains.filter((d) => d.overhead === null).map((d) => `${s.service ? `${s.service}: ` : ''}${d.name}`)
  );
  const warnings = [
    ...errors,
    ...view.problems,
    ...(missing.length > 0 ? [`No data for ${missing.join(', ')}: not counted in the system total`] : []),
  ];
  return (
    <div
      className={styles.panel}
      data-testid="perfscope-domainoverhead"
      data-layout={compact ? 'compact' : 'table'}
      style={{ maxHeight: height }}
    >
      <div className={styles.body} tabIndex={0} role="group" aria-label="Domains" ref={body}>
        {sorted.map(({ service, rows }) => (
          <ServiceOverheadTable
            key={service.service}
            service={service}
            rows={rows}
            displays={displays}
            heading={sorted.length > 1}
            showSystem={options.showSystem}
            showSparklines={options.showSparklines}
            layout={layout}
          />
        ))}
      </div>
      <Notices warnings={warnings} infos={app.notice ? [app.notice] : []} />
    </div>
  );
}

// Room for a scroll bar when the rows do not fit.
const SCROLLBAR = 16;

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ height: '100%', display: 'flex', flexDirection: 'column' }),
  body: css({ flex: 1, minHeight: 0, overflow: 'auto' }),
});
