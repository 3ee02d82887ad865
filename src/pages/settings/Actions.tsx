import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Stack, useStyles2 } from '@grafana/ui';

import { chosenUids, type ChosenDatasources } from '../../components/profile/appProfile';
import type { Profile } from '../../scoring';
import { regenerateCommand, type ApplyReport, type RuleDatasources } from './alertRules';
import type { DashboardsReport } from './applyDashboards';
import { applyProfile, changes, type ApplyAllReport } from './applyProfile';
import { saveProfile, type DatasourceStep, type SaveReport } from './saveProfile';

type Outcome =
  | { kind: 'none' }
  | { kind: 'busy'; what: string }
  | { kind: 'saved'; report: SaveReport }
  | { kind: 'applied'; report: ApplyAllReport }
  | { kind: 'failed'; what: string; message: string };

interface Props {
  profile: Profile;
  problems: number;
  /** The datasources chosen on the page (or the defaults): saved with the profile, queried by the rules. */
  datasources: ChosenDatasources;
  /** What is wrong with them: Apply waits until nothing is. */
  datasourceProblems: string[];
}

const list = (titles: string[]) =>
  titles.length > 6 ? `${titles.slice(0, 6).join(', ')} and ${titles.length - 6} more` : titles.join(', ');

/**
 * Save (the app's settings and the PerfScope datasource) and Apply (Save, then the alert rules and the
 * dashboards), both refused
 * while the profile is invalid, Apply also while a datasource is missing; with what each did.
 */
export function Actions({ profile, problems, datasources, datasourceProblems }: Props) {
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
  const target = { ...datasources, chosen: chosenUids(datasources) };
  return (
    <div className={styles.actions}>
      <Stack gap={1}>
        <Button
          disabled={invalid || busy}
          onClick={() => run('Saving', async () => ({ kind: 'saved', report: await saveProfile(profile, target) }))}
        >
          Save
        </Button>
        <Button
          variant="secondary"
          disabled={invalid || busy || datasourceProblems.length > 0}
          onClick={() =>
            run('Applying', async () => ({ kind: 'applied', report: await applyProfile(profile, target) }))
          }
        >
          Apply
        </Button>
      </Stack>
      <div aria-live="polite">
        <p className={styles.hint}>
          Apply saves, then brings the PerfScope datasource, the alert rules and the dashboards in line with the
          profile.
        </p>
        {invalid && (
          <p className={styles.hint}>
            Saving is refused until the {problems === 1 ? 'problem is' : `${problems} problems are`} fixed.
          </p>
        )}
        {!invalid && datasourceProblems.length > 0 && (
          <p className={styles.hint}>Apply waits for both datasources: choose them under Datasources.</p>
        )}
        {busy && <p className={styles.hint}>{outcome.what}…</p>}
        {outcome.kind === 'failed' && (
          <Alert severity="error" title={`${outcome.what} failed`}>
            {outcome.message}
          </Alert>
        )}
        {outcome.kind === 'saved' && <SaveOutcome report={outcome.report} />}
        {outcome.kind === 'applied' && <ApplyOutcome report={outcome.report} />}
      </div>
    </div>
  );
}

function SaveOutcome({ report }: { report: SaveReport }) {
  if (report.datasource.state === 'problem') {
    return (
      <Alert severity="warning" title="Saved for the panels, not for the PerfScope datasource">
        {report.datasource.message}.
      </Alert>
    );
  }
  if (report.app === 'unchanged' && report.datasource.state === 'unchanged') {
    return (
      <Alert severity="success" title="Already saved">
        The settings and the PerfScope datasource &quot;{report.datasource.name}&quot; already have this profile:
        nothing was written.
      </Alert>
    );
  }
  return (
    <Alert severity="success" title="Saved">
      The panels and the PerfScope datasource &quot;{report.datasource.name}&quot; now score with these thresholds.
      Apply them to the alert rules too.
    </Alert>
  );
}

function datasourceLine(step: DatasourceStep): string {
  return step.state === 'problem'
    ? `PerfScope datasource: not updated: ${step.message}.`
    : `PerfScope datasource "${step.name}" (uid ${step.uid}): ${step.state === 'updated' ? 'profile updated' : 'already has this profile'}.`;
}

function ApplyOutcome({ report }: { report: ApplyAllReport }) {
  const { saved, rules, dashboards } = report;
  const warn =
    saved.datasource.state === 'problem' ||
    'failed' in rules ||
    rules.fromFile.length > 0 ||
    rules.notOurs.length > 0 ||
    'failed' in dashboards ||
    dashboards.fromFile.length > 0;
  const title =
    changes(report) === 0 && !warn
      ? 'Nothing to change: everything already follows this profile'
      : warn
        ? 'Applied, with something left to do'
        : 'Applied';
  return (
    <Alert severity={warn ? 'warning' : 'success'} title={title}>
      <ul>
        <li>{saved.app === 'updated' ? 'Settings saved.' : 'Settings: already saved.'}</li>
        <li>{datasourceLine(saved.datasource)}</li>
        <li>
          {'failed' in rules ? (
            `Alert rules: not applied: ${rules.failed}`
          ) : (
            <RulesOutcome report={rules} datasources={report.datasources} />
          )}
        </li>
        <li>
          {'failed' in dashboards ? (
            `Dashboards: not applied: ${dashboards.failed}`
          ) : (
            <DashboardsOutcome report={dashboards} />
          )}
        </li>
      </ul>
    </Alert>
  );
}

function RulesOutcome({ report, datasources }: { report: ApplyReport; datasources: RuleDatasources }) {
  return (
    <>
      <span>{`Alert rules: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} already up to date`}</span>
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
    </>
  );
}

function DashboardsOutcome({ report }: { report: DashboardsReport }) {
  return (
    <>
      <span>{`Dashboards: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} already up to date`}</span>
      {report.updated.length > 0 && <p>Updated: {list(report.updated)}.</p>}
      {report.moved.length > 0 && <p>Moved into the PerfScope folder: {list(report.moved)}.</p>}
      {report.fromFile.length > 0 && (
        <p>
          Provisioned from a file, so Grafana&apos;s API cannot change them: {list(report.fromFile)}. Write them with{' '}
          <code>npx perfscope dashboards --profile FILE --out DIR</code> into the provisioned folder.
        </p>
      )}
    </>
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
