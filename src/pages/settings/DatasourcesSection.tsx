import { css } from '@emotion/css';
import React from 'react';
import type { DataSourceInstanceSettings, GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, Stack, useStyles2 } from '@grafana/ui';

import type { ChosenDatasources } from '../../components/profile/appProfile';
import { DATASOURCE_KINDS, type DatasourceKey } from '../shared/datasources';

const DESCRIPTIONS: Record<DatasourceKey, string> = {
  prometheusUid:
    "Where your services' metrics are: the Overview, detection and the preview read it, the alert rules query it",
  perfscopeUid: 'Scores for the dashboards and the score alerts: Save gives it the profile',
};

/**
 * The Prometheus datasource and the PerfScope datasource PerfScope works with, each picked from this Grafana's
 * datasources of its type; saved with the profile. While none is chosen the provisioned uids stand in.
 */
export const DatasourcesSection = React.memo(function DatasourcesSection({
  datasources,
  problems,
  onChange,
}: {
  datasources: ChosenDatasources;
  problems: Record<DatasourceKey, string | null>;
  onChange: (key: DatasourceKey, uid: string) => void;
}) {
  const styles = useStyles2(getStyles);
  return (
    <section aria-labelledby="perfscope-datasources" className={styles.section}>
      <h3 id="perfscope-datasources">Datasources</h3>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        {(Object.keys(DATASOURCE_KINDS) as DatasourceKey[]).map((key) => (
          <Field
            key={key}
            label={`${DATASOURCE_KINDS[key].title} datasource`}
            description={DESCRIPTIONS[key]}
            invalid={Boolean(problems[key])}
            error={problems[key]}
            className={styles.field}
            data-datasource={key}
          >
            <DataSourcePicker
              inputId={`perfscope-datasource-${key}`}
              type={DATASOURCE_KINDS[key].type}
              current={datasources[key]}
              noDefault
              width={40}
              onChange={(ds: DataSourceInstanceSettings) => onChange(key, ds.uid)}
            />
          </Field>
        ))}
      </Stack>
    </section>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  field: css({ maxWidth: 420 }),
});
