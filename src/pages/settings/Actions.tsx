import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Stack, useStyles2 } from '@grafana/ui';

import type { AppJsonData } from '../../components/profile/appProfile';
import type { Profile } from '../../scoring';
import { applyAlertRules, regenerateCommand, type ApplyReport, type RuleDatasources } from './alertRules';
import { DATASOURCE_UID, saveProfile } from './saveProfile';

type Outcome =
  | { kind: 'none' }
  | { kind: 'busy'; what: string }
  | { kind: 'saved'; datasourceProblem: string | null }
  | { kind: 'applied'; report: ApplyReport; datasources: RuleDatasources }
  | { kind: 'failed'; what: string; message: string };

interface Props {
  profile: Profile;
  problems: number;
  app: { enabled: boolean; pinned: boolean; jsonData?: AppJsonData };
  /** The Prometheus datasource chosen on the page: the alert rules query it. */
  prometheusUid: string;
}

const list = (titles: string[]) =>
  titles.length > 6 ? `${titles.slice(0, 6).join(', ')} and ${titles.length - 6} more` : titles.join(', ');

/** Save (refused while the profile is invalid) and "Apply to alert rules", with what each did. */
export function Actions({ profile, problems, app, prometheusUid }: Props) {
  const styles = useStyles2(getStyles);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const run = async (what: string, action: () => Promise<Outcome>) => {
    setOutcome({ kind: 'busy', what });
    try {
      setOutcome(await action());
    } catch (e) {
      setOutcome({ kind: 'failed', what, message: (e as Error).message });
    }
  };
  const busy = outcome.kind === 'busy';
  const invalid = problems > 0;
  return (
    <div className={styles.actions}>
      <Stack gap={1}>
        <Button
          disabled={invalid || busy}
          onClick={() => run('Saving', async () => ({ kind: 'saved', ...(await saveProfile(app, profile)) }))}
        >
          Save
        </Button>
        <Button
          variant="secondary"
          disabled={invalid || busy}
          onClick={() =>
            run('Applying', async () => {
              const datasources = { prometheusUid, perfscopeUid: DATASOURCE_UID };
              return { kind: 'applied', report: await applyAlertRules(profile, datasources), datasources };
            })
          }
        >
          Apply to alert rules
        </Button>
      </Stack>
      <div aria-live="polite">
        {invalid && (
          <p className={styles.hint}>
            Saving is refused until the {problems === 1 ? 'problem is' : `${problems} problems are`} fixed.
          </p>
        )}
        {busy && <p className={styles.hint}>{outcome.what}…</p>}
        {outcome.kind === 'failed' && (
          <Alert severity="error" title={`${outcome.what} failed`}>
            {outcome.message}
          </Alert>
        )}
        {outcome.kind === 'saved' &&
          (outcome.datasourceProblem === null ? (
            <Alert severity="success" title="Saved">
              The panels and the PerfScope datasource now score with these thresholds. Apply them to the alert rules
              too.
            </Alert>
          ) : (
            <Alert severity="warning" title="Saved for the panels, not for the PerfScope datasource">
              {outcome.datasourceProblem}.
            </Alert>
          ))}
        {outcome.kind === 'applied' && <ApplyOutcome report={outcome.report} datasources={outcome.datasources} />}
      </div>
    </div>
  );
}

function ApplyOutcome({ report, datasources }: { report: ApplyReport; datasources: RuleDatasources }) {
  const counts = `${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} already up to date`;
  return (
    <Alert severity={report.fromFile.length > 0 ? 'warning' : 'success'} title={`Alert rules: ${counts}`}>
      {report.updated.length > 0 && <p>Updated: {list(report.updated)}.</p>}
      {report.fromFile.length > 0 && (
        <p>
          Provisioned from a file, so Grafana&apos;s API cannot change them: {list(report.fromFile)}. Regenerate the
          file with <code>{regenerateCommand(datasources)}</code> and restart Grafana.
        </p>
      )}
      {report.intervals.length > 0 && <p>Evaluation interval set back: {list(report.intervals)}.</p>}
      {report.notOurs.length > 0 && <p>Not labelled perfscope=managed, left alone: {list(report.notOurs)}.</p>}
      {report.stale.length > 0 && <p>No longer in the profile, left as they are: {list(report.stale)}.</p>}
    </Alert>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  actions: css({
    position: 'sticky',
    bottom: 0,
    background: theme.colors.background.primary,
    padding: theme.spacing(1, 0),
    borderTop: `1px solid ${theme.colors.border.weak}`,
  }),
  hint: css({ color: theme.colors.text.secondary, margin: theme.spacing(1, 0, 0) }),
});
