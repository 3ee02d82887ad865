import { css } from '@emotion/css';
import React, { useMemo, useState } from 'react';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { useAppProfile } from '../../components/profile/useAppProfile';
import { shownValues } from '../shared/data/display';
import { isFirstLoad, queryErrors } from '../shared/data/state';
import { Notices } from '../shared/components/Notices';
import { beforeData, withoutData } from '../shared/components/states';
import { HealthGrid } from './components/HealthGrid';
import { SingleHealth } from './components/SingleHealth';
import { explainScore } from './data/explain';
import { healthView } from './data/healthView';
import { chooseLayout } from './data/layout';
import type { GroupHealth } from './data/model';
import { panelProfile } from './data/panelProfile';
import { defaultOptions, type HealthScoreOptions } from './types';

export function HealthScorePanel(props: PanelProps<HealthScoreOptions>) {
  const { data, width, height, fieldConfig, replaceVariables, timeZone } = props;
  // Grafana fills in the builder's defaults; a dashboard written by hand may still lack newer options.
  const options = useMemo(() => ({ ...defaultOptions, ...props.options }), [props.options]);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const app = useAppProfile();
  const [selected, setSelected] = useState<string | null>(null);
  const { aggregation, indicatorOverrides, indicatorQueries, groupBy } = options;

  const settings = useMemo(
    () => app && panelProfile(app.profile, { aggregation, indicatorOverrides }),
    [app, aggregation, indicatorOverrides]
  );
  const view = useMemo(
    () => settings?.profile && healthView(data, settings.profile, { indicatorQueries, groupBy }),
    [data, settings, indicatorQueries, groupBy]
  );
  const groups = useMemo(() => {
    const list = view ? [...view.groups] : [];
    if (options.sortBy === 'score') {
      list.sort((a, b) => (a.health.score ?? -1) - (b.health.score ?? -1) || a.name.localeCompare(b.name));
    }
    return list;
  }, [view, options.sortBy]);
  const displays = useMemo(() => {
    const items = groups.map((g) => ({
      key: g.name,
      name: g.name || 'Health score',
      labels: g.name ? { [groupBy]: g.name } : {},
      value: g.health.score,
      band: g.health.band,
    }));
    return shownValues(items, { fieldConfig, replaceVariables, theme, timeZone, colorBy: options.colorBy }, '–');
  }, [groups, groupBy, fieldConfig, replaceVariables, theme, timeZone, options.colorBy]);

  const gate = beforeData(!app || isFirstLoad(data), 'health', settings?.problems);
  if (gate || !app || !settings?.profile) {
    return gate;
  }
  const errors = queryErrors(data);
  if (!view || groups.length === 0) {
    const wanted = settings.profile.indicators
      .filter((i) => i.enabled)
      .map((i) => options.indicatorQueries[i.id] || i.id);
    return withoutData(
      errors,
      <>
        No query returned an indicator. Queries are matched to indicators by refId or series name: {wanted.join(', ')}.
      </>
    );
  }

  const aggregationUsed = settings.profile.aggregation;
  const explain = (g: GroupHealth) => explainScore(g.health, aggregationUsed);
  const layout = chooseLayout(options.display, groups.length, width, height);
  const warnings = [...errors, ...view.problems, ...partial(groups, settings.profile.indicators)];
  const infos = [
    ...(app.notice ? [app.notice] : []),
    ...(view.unusedQueries.length > 0 ? [`Not an indicator: ${view.unusedQueries.join(', ')}`] : []),
  ];
  const compact = layout === 'compact' || layout === 'compact-grid';
  return (
    <div className={styles.panel} data-testid="perfscope-health" data-layout={layout}>
      <div className={styles.body}>
        {layout === 'single' || layout === 'compact' ? (
          <SingleHealth
            group={groups[0]}
            text={displays.get(groups[0].name)!.text}
            color={displays.get(groups[0].name)!.color}
            explanation={explain(groups[0])}
            width={width}
            height={height}
            compact={compact}
            showTrend={options.showTrend}
            showBreakdown={options.showBreakdown}
          />
        ) : (
          <HealthGrid
            groups={groups}
            displays={displays}
            groupBy={groupBy}
            compact={compact}
            showTrend={options.showTrend}
            width={width}
            selected={options.showBreakdown ? selected : null}
            onSelect={setSelected}
            explain={explain}
          />
        )}
      </div>
      {!compact && <Notices warnings={warnings} infos={infos} />}
    </div>
  );
}

/** "No data for Error rate (checkout, cart)": missing indicators, named, per service. */
function partial(groups: GroupHealth[], indicators: Array<{ id: string; name: string }>): string[] {
  const missing = new Map<string, string[]>();
  for (const g of groups) {
    for (const id of g.health.noData) {
      missing.set(id, [...(missing.get(id) ?? []), g.name]);
    }
  }
  return [...missing].map(([id, names]) => {
    const name = indicators.find((i) => i.id === id)?.name ?? id;
    const where = names.filter(Boolean);
    const more = where.length > 5 ? ` and ${where.length - 5} more` : '';
    const list = where.length > 0 ? ` (${where.slice(0, 5).join(', ')}${more})` : '';
    return `No data for ${name}${list}: not counted in the score`;
  });
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ height: '100%', display: 'flex', flexDirection: 'column' }),
  body: css({ flex: 1, minHeight: 0 }),
});
