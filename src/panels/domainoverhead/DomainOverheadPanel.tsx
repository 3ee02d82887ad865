import { css } from '@emotion/css';
import React, { useMemo } from 'react';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { useAppProfile } from '../../components/profile/useAppProfile';
import { Notices } from '../../components/Notices';
import { beforeData, withoutData } from '../shared/components/states';
import { shownValues } from '../../views/display';
import { isFirstLoad, queryErrors } from '../../views/state';
import { ServiceOverheadTable } from './components/ServiceOverheadTable';
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
      <div className={styles.body} tabIndex={0} role="group" aria-label="Domains">
        {sorted.map(({ service, rows }) => (
          <ServiceOverheadTable
            key={service.service}
            service={service}
            rows={rows}
            displays={displays}
            heading={sorted.length > 1}
            showSystem={options.showSystem}
            showSparklines={options.showSparklines}
            width={width}
          />
        ))}
      </div>
      <Notices warnings={warnings} infos={app.notice ? [app.notice] : []} />
    </div>
  );
}

/** Below this the worst service and domain come first, whatever the sort option. */
export const COMPACT = { width: 300, height: 200 };

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ height: '100%', display: 'flex', flexDirection: 'column' }),
  body: css({ flex: 1, minHeight: 0, overflow: 'auto', paddingRight: theme.spacing(0.5) }),
});
