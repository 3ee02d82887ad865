import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { DataQueryError, DataSourceInstanceSettings, GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Alert, Button, Field, Stack, useStyles2 } from '@grafana/ui';

import { healthFromSeries } from '../../panels/healthscore/data/fromPrometheus';
import type { HealthView } from '../../panels/healthscore/data/model';
import { Notices } from '../../panels/shared/components/Notices';
import { describeErrors } from '../../panels/shared/data/state';
import { numericSeries } from '../../scoring/frames';
import type { Profile } from '../../scoring';
import { ServiceTiles } from '../overview/ServiceTiles';
import { profileQueries, runQueries } from '../shared/queries';

type Preview =
  | { status: 'idle' | 'running' }
  | { status: 'failed'; message: string }
  | { status: 'done'; view: HealthView; errors: DataQueryError[] };

/**
 * Scores every service over the last hour with the edited profile (as it is when the button is pressed),
 * before it is saved. It renders again only when the profile turns valid or invalid, not on every keystroke.
 */
export const PreviewSection = React.memo(function PreviewSection({
  current,
  valid,
  datasource,
  onDatasource,
}: {
  current: () => Profile;
  valid: boolean;
  /** The chosen Prometheus datasource's uid. */
  datasource: string;
  onDatasource: (uid: string) => void;
}) {
  const styles = useStyles2(getStyles);
  const [preview, setPreview] = useState<Preview>({ status: 'idle' });
  const run = async () => {
    setPreview({ status: 'running' });
    const profile = current();
    try {
      const result = await runQueries(datasource, profileQueries(profile, { domains: false }));
      const series = numericSeries(result.frames, result.timeRange.to.valueOf());
      const view = healthFromSeries(series, profile, {
        indicatorQueries: {},
        groupBy: 'service',
        intervalMs: result.intervalMs,
      });
      setPreview({ status: 'done', view, errors: result.errors });
    } catch (e) {
      setPreview({ status: 'failed', message: (e as Error).message });
    }
  };
  return (
    <section aria-labelledby="perfscope-preview" className={styles.section}>
      <h3 id="perfscope-preview">Preview</h3>
      <Stack gap={1} alignItems="flex-end">
        <Field
          label="Prometheus datasource"
          description="Scores the last hour of every service with the thresholds above; the alert rules query it"
        >
          <DataSourcePicker
            pluginId="prometheus"
            current={datasource}
            noDefault
            width={40}
            onChange={(ds: DataSourceInstanceSettings) => onDatasource(ds.uid)}
          />
        </Field>
        <Field>
          <Button variant="secondary" icon="eye" disabled={!valid || preview.status === 'running'} onClick={run}>
            {preview.status === 'running' ? 'Scoring…' : 'Preview the scores'}
          </Button>
        </Field>
      </Stack>
      {preview.status === 'failed' && (
        <Alert severity="error" title="The preview failed">
          {preview.message}
        </Alert>
      )}
      {preview.status === 'done' && (
        <div aria-live="polite">
          <Notices warnings={[...describeErrors(preview.errors), ...preview.view.problems]} />
          {preview.view.groups.length === 0 ? (
            <p>No service returned any indicator in the last hour.</p>
          ) : (
            <ServiceTiles groups={preview.view.groups} errors={preview.errors} />
          )}
        </div>
      )}
    </section>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
});
