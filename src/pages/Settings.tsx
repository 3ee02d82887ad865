import { css } from '@emotion/css';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';

import { profileFromJsonData, type AppJsonData } from '../components/profile/appProfile';
import { PROMETHEUS_UID } from './shared/queries';
import { Actions } from './settings/Actions';
import { DomainsSection } from './settings/DomainsSection';
import { IndicatorsSection } from './settings/IndicatorsSection';
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
  const { enabled = false, pinned = false, jsonData } = plugin.meta;
  const initial = useMemo(() => profileFromJsonData(jsonData), [jsonData]);
  const d = useDraft(initial.profile);
  // The preview scores the draft once typing pauses, so that each keystroke renders neither it nor a query.
  const previewed = useDebounced(d.problems.length === 0 ? d.draft : null, PREVIEW_PAUSE_MS);
  // Detection reads it, the preview scores on it and the alert rules query it.
  const [prometheus, setPrometheus] = useState(PROMETHEUS_UID);
  // Detection starts from the draft as it is when asked, without rendering again on every edit.
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
          <ul>
            {d.problems.map((p) => (
              <li key={p.path + p.message}>
                {p.message}
                {p.detail && ` (${p.detail})`}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <PrometheusSection
        datasource={prometheus}
        onDatasource={setPrometheus}
        replace={d.replace}
        currentDraft={currentDraft}
      />
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
      <PreviewSection profile={previewed} datasource={prometheus} />
      <Actions
        profile={d.draft}
        problems={d.problems.length}
        app={{ enabled, pinned, jsonData }}
        prometheusUid={prometheus}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ maxWidth: 1100, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
});
