import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Stack, useStyles2 } from '@grafana/ui';

import { Notices } from '../../components/Notices';
import { describeErrors } from '../../views/state';
import type { Profile } from '../../scoring';
import { ServiceTiles } from '../overview/ServiceTiles';
import { usePreview } from './usePreview';

/**
 * Scores every service over the last hour with the edited profile before it is saved, again each time the
 * profile (given here once typing pauses; null while it has problems) or the datasource changes.
 */
export const PreviewSection = React.memo(function PreviewSection({
  profile,
  datasource,
}: {
  profile: Profile | null;
  /** The chosen Prometheus datasource's uid; null while there is none. */
  datasource: string | null;
}) {
  const styles = useStyles2(getStyles);
  const { result, running, refresh } = usePreview(profile, datasource);
  const waiting = !datasource
    ? 'Choose a Prometheus datasource above to preview the scores.'
    : !profile
      ? 'The preview waits until the profile has no problems.'
      : null;
  return (
    <section aria-labelledby="perfscope-preview" className={styles.section}>
      <h3 id="perfscope-preview">Preview</h3>
      <Stack gap={1} alignItems="center">
        <span className={styles.help}>
          Every service&apos;s score over the last hour on the Prometheus datasource above, with the profile as it is
          edited.
        </span>
        <Button variant="secondary" icon="sync" disabled={waiting !== null || running} onClick={refresh}>
          Refresh the preview
        </Button>
      </Stack>
      <div aria-live="polite" className={styles.status}>
        {waiting ?? (running ? 'Scoring…' : '')}
      </div>
      {result && 'failed' in result && (
        <Alert severity="error" title="The preview failed">
          {result.failed}
        </Alert>
      )}
      {result && 'view' in result && (
        <div className={running ? styles.stale : undefined} aria-busy={running}>
          <Notices warnings={[...describeErrors(result.errors), ...result.view.problems]} />
          {result.view.groups.length === 0 ? (
            <p>No service returned any indicator in the last hour.</p>
          ) : (
            <ServiceTiles groups={result.view.groups} errors={result.errors} />
          )}
        </div>
      )}
    </section>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  help: css({ color: theme.colors.text.secondary }),
  status: css({ color: theme.colors.text.secondary, minHeight: theme.spacing(2.5) }),
  stale: css({ opacity: 0.6 }),
});
