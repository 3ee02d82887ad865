import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Alert, Button, useStyles2 } from '@grafana/ui';

import type { Profile } from '../../scoring';
import { DetectReport } from './DetectReport';
import { useDetect } from './useDetect';
import type { Draft } from './useDraft';

/**
 * "Detect from my Prometheus", which recognises the metrics of the chosen Prometheus datasource and fills the
 * profile below with queries for them, for review.
 */
export const PrometheusSection = React.memo(function PrometheusSection({
  datasource,
  replace,
  currentDraft,
}: {
  /** The chosen Prometheus datasource's uid; null while there is none. */
  datasource: string | null;
  replace: Draft['replace'];
  /** The draft as it is now: detection keeps its thresholds, weights and SLA. */
  currentDraft: () => Profile;
}) {
  const styles = useStyles2(getStyles);
  const settings = datasource ? getDataSourceSrv().getInstanceSettings(datasource) : undefined;
  const chosen = settings && datasource ? { uid: datasource, name: settings.name } : null;
  const { detection, detect, undo } = useDetect(chosen?.uid ?? null, replace);
  const running = detection.state === 'running';
  return (
    <section aria-labelledby="perfscope-detect" className={styles.section}>
      <h3 id="perfscope-detect">Detect your metrics</h3>
      <p className={styles.help}>
        PerfScope recognises the instrumentation on the Prometheus datasource above and fills the profile below with
        queries for it, for you to review.
      </p>
      <Button
        icon={running ? 'spinner' : 'search'}
        disabled={!chosen || running}
        onClick={() => chosen && detect(chosen, currentDraft())}
      >
        Detect from my Prometheus
      </Button>
      <div aria-live="polite" className={styles.status}>
        {!chosen
          ? 'Choose a Prometheus datasource above to detect your metrics.'
          : running
            ? `Looking at the metrics of "${detection.on.name}"…`
            : detection.state === 'idle'
              ? (detection.said ?? '')
              : ''}
      </div>
      {detection.state === 'failed' && (
        <Alert severity="error" title={`Could not detect from the datasource "${detection.on.name}"`}>
          {detection.message}
          {detection.hint && <p>{detection.hint}</p>}
        </Alert>
      )}
      {detection.state === 'done' &&
        (detection.discovery.profile ? (
          <Alert
            severity="success"
            title={`Detected on "${detection.on.name}": the queries below are filled in for review`}
          >
            <p>
              Nothing is saved until you press Save. Check the coverage below: &quot;–&quot; marks a value the profile
              cannot compute yet, with the reason under the table.
            </p>
            <Button size="sm" variant="secondary" icon="history" onClick={undo}>
              Put the previous profile back
            </Button>
          </Alert>
        ) : (
          <Alert severity="warning" title={`Nothing PerfScope can score was found on "${detection.on.name}"`}>
            The profile is unchanged. {detection.discovery.notes.join('; ')}.
          </Alert>
        ))}
      {detection.state === 'done' && <DetectReport discovery={detection.discovery} base={detection.before} />}
    </section>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  status: css({ color: theme.colors.text.secondary, minHeight: theme.spacing(2.5), marginTop: theme.spacing(1) }),
  help: css({ color: theme.colors.text.secondary }),
});
