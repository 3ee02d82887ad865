import { css } from '@emotion/css';
import React, { useMemo, useState } from 'react';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bySeverity } from '../../components/bands';
import { NoticeMark } from '../../components/NoticeMark';
import { useAppProfile } from '../../components/profile/useAppProfile';
import { useBoxHeight } from '../../components/useBoxHeight';
import { lazyShownValues } from '../../views/display';
import { isFirstLoad, noticeSummary, queryErrors } from '../../views/state';
import { Notices } from '../../components/Notices';
import { beforeData, withoutData } from '../shared/components/states';
import { HealthGrid } from './components/HealthGrid';
import { SingleHealth } from './components/SingleHealth';
import { explainScore } from './data/explain';
import { healthView } from './data/healthView';
import { chooseLayout } from './data/layout';
import type { GroupHealth } from '../../views/health/model';
import { missingIndicators, tileNotices } from '../../views/health/notices';
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
  const [body, bodyHeight] = useBoxHeight<HTMLDivElement>(height);
  const { aggregation, indicatorOverrides, indicatorQueries, groupBy } = options;

  const settings = useMemo(
    () => app && panelProfile(app.profile, { aggregation, indicatorOverrides }),
    [app, aggregation, indicatorOverrides]
  );
  const view = useMemo(
    () => settings?.profile && healthView(data, settings.profile, { indicatorQueries, groupBy }),
    [data, settings, indicatorQueries, groupBy]
  );
  const layout = chooseLayout(options.display, view?.groups.length ?? 0, width, height);
  // Sorting by score, and in every layout but the full grid (which shows one score, or little room), the worst first.
  const worstFirst = options.sortBy === 'score' || layout !== 'grid';
  const groups = useMemo(() => {
    const list = view ? [...view.groups] : [];
    if (worstFirst) {
      list.sort(bySeverity(bandOfGroup, nameOfGroup, byScore));
    }
    return list;
  }, [view, worstFirst]);
  const displays = useMemo(() => {
    const items = groups.map((g) => ({
      key: g.name,
      name: g.name || 'Health score',
      labels: g.name ? { [groupBy]: g.name } : {},
      value: g.health.score,
      band: g.health.band,
      // A score is a whole number unless the field config sets decimals.
      own: { decimals: 0 },
    }));
    return lazyShownValues(items, { fieldConfig, replaceVariables, theme, timeZone, colorBy: options.colorBy }, '–');
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
  const missing = missingIndicators(groups, settings.profile.indicators);
  const warnings = [...errors, ...view.problems, ...missing];
  const infos = [
    ...(app.notice ? [app.notice] : []),
    ...(view.unusedQueries.length > 0 ? [`Not an indicator: ${view.unusedQueries.join(', ')}`] : []),
  ];
  const compact = layout === 'compact' || layout === 'compact-grid';
  const marked = compact && warnings.length + infos.length > 0;
  const queryOf = (id: string) => options.indicatorQueries[id] || id;
  const notices = (g: GroupHealth) => tileNotices(g, data.errors, queryOf);
  return (
    <div className={styles.panel} data-testid="perfscope-health" data-layout={layout}>
      <div className={styles.body} ref={body}>
        {layout === 'single' || layout === 'compact' ? (
          <SingleHealth
            group={groups[0]}
            text={displays.get(groups[0].name)!.text}
            color={displays.get(groups[0].name)!.color}
            explanation={explain(groups[0])}
            width={width}
            height={bodyHeight}
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
            height={bodyHeight}
            selected={options.showBreakdown ? selected : null}
            onSelect={setSelected}
            explain={explain}
            notices={notices}
          />
        )}
      </div>
      {!compact && <Notices warnings={warnings} infos={infos} />}
      {marked && (
        <div className={styles.mark}>
          <NoticeMark warnings={warnings} infos={infos} summary={noticeSummary(errors.length, missing.length)} />
        </div>
      )}
    </div>
  );
}

const bandOfGroup = (g: GroupHealth) => g.health.band;
const nameOfGroup = (g: GroupHealth) => g.name;
const byScore = (a: GroupHealth, b: GroupHealth) => (a.health.score ?? 0) - (b.health.score ?? 0);

// The compact layouts' line for the mark that stands in for the notices.
const MARK_HEIGHT = 18;

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ height: '100%', display: 'flex', flexDirection: 'column' }),
  body: css({ flex: 1, minHeight: 0 }),
  mark: css({ flex: 'none', height: MARK_HEIGHT, display: 'flex', justifyContent: 'center', overflow: 'hidden' }),
});
