import { css } from '@emotion/css';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';

import { profileFromJsonData, type AppJsonData, type ChosenDatasources } from '../components/profile/appProfile';
import { datasourceProblem, type DatasourceKey } from './shared/datasources';
import { Actions } from './settings/Actions';
import { BacktestSection } from './settings/BacktestSection';
import { DatasourcesSection } from './settings/DatasourcesSection';
import { DomainsSection } from './settings/DomainsSection';
import { GroupsSection } from './settings/GroupsSection';
import { ImportExportSection } from './settings/ImportExportSection';
import { IndicatorsSection } from './settings/IndicatorsSection';
import { ProblemList } from './settings/ProblemList';
import { PresetsSection } from './settings/PresetsSection';
import { PreviewSection } from './settings/PreviewSection';
import { PrometheusSection } from './settings/PrometheusSection';
import { SlaSection } from './settings/SlaSection';
import { useDebounced } from './settings/useDebounced';
import { useDraft } from './settings/useDraft';

/** How long typing must pause before the preview scores the profile again. */
export const PREVIEW_PAUSE_MS = 600;

export interface AppSettingsProps extends PluginConfigPageProps<AppPluginMeta<AppJsonData>> {}

/** The app's configuration page: the whole scoring profile, validated as it is edited, previewed, saved. */
export default function Settings({ plugin }: AppSettingsProps) {
  const styles = useStyles2(getStyles);
  const { jsonData } = plugin.meta;
  const initial = useMemo(() => profileFromJsonData(jsonData), [jsonData]);
  const d = useDraft(initial.profile);
  // The preview scores the draft once typing pauses, so that each keystroke renders neither it nor a query.
  const previewed = useDebounced(d.problems.length === 0 ? d.draft : null, PREVIEW_PAUSE_MS);
  // The Overview, detection and the preview read the Prometheus one; the rules query both; Save writes both.
  const [datasources, setDatasources] = useState<ChosenDatasources>(initial.datasources);
  const choose = useCallback(
    (key: DatasourceKey, uid: string) =>
      setDatasources((ds) => ({ ...ds, [key]: uid, chosen: { ...ds.chosen, [key]: true } })),
    []
  );
  const dsProblems = useMemo(
    () => ({
      prometheusUid: datasourceProblem('prometheusUid', datasources.prometheusUid, datasources.chosen.prometheusUid),
      perfscopeUid: datasourceProblem('perfscopeUid', datasources.perfscopeUid, datasources.chosen.perfscopeUid),
    }),
    [datasources]
  );
  const prometheus = dsProblems.prometheusUid ? null : datasources.prometheusUid;
  // Detection, export and import start from the draft as it is when asked, without rendering again on every edit.
  const latest = useRef(d.draft);
  useEffect(() => {
    latest.current = d.draft;
  }, [d.draft]);
  const currentDraft = useCallback(() => latest.current, []);
  return (
    <div className={styles.page}>
      <p>
        These thresholds score every PerfScope panel and dashboard, the PerfScope datasource (and so Grafana alerting on
        scores) and, applied, the alert rules.
      </p>
      {initial.notice && (
        <Alert severity="info" title="Starting from the default profile">
          {initial.notice}
        </Alert>
      )}
      {d.problems.length > 0 && (
        <Alert
          severity="warning"
          title={`${d.problems.length} ${d.problems.length === 1 ? 'problem' : 'problems'} to fix before saving`}
        >
          <ProblemList problems={d.problems} />
        </Alert>
      )}
      <DatasourcesSection datasources={datasources} problems={dsProblems} onChange={choose} />
      <PrometheusSection datasource={prometheus} replace={d.replace} currentDraft={currentDraft} />
      <PresetsSection
        serviceLabel={d.draft.serviceLabel}
        allowMissing={d.draft.allowMissing}
        labelProblem={d.problem('serviceLabel')}
        replace={d.replace}
        setServiceLabel={d.setServiceLabel}
        setAllowMissing={d.setAllowMissing}
      />
      <IndicatorsSection d={d} />
      <DomainsSection d={d} />
      <SlaSection d={d} />
      <GroupsSection d={d} />
      <ImportExportSection currentDraft={currentDraft} valid={d.problems.length === 0} replace={d.replace} />
      <PreviewSection profile={previewed} datasource={prometheus} />
      <BacktestSection draft={previewed} saved={initial.profile} datasource={prometheus} />
      <Actions
        profile={d.draft}
        problems={d.problems.length}
        datasources={datasources}
        datasourceProblems={Object.values(dsProblems).filter((p): p is string => p !== null)}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ maxWidth: 1100, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
});
