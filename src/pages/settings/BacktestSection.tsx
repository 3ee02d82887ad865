import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';

import { parseDuration, type Profile, type RuleTotal } from '../../scoring';
import { spokenDuration, tierSentence } from './backtestWords';
import { useBacktest, type BacktestRun } from './useBacktest';

const RANGES = ['7d', '30d', '90d'].map((r) => ({ label: r, value: r }));

const cell = (t: RuleTotal | undefined) =>
  t ? `${t.fired} / ${spokenDuration(t.totalMs)} / ${spokenDuration(t.longestMs)}` : 'not a rule';

function Result({ run }: { run: BacktestRun }) {
  const styles = useStyles2(getStyles);
  const saved = (uid: string) => run.saved.totals.find((t) => t.rule.uid === uid);
  const tiers = run.draft.totals.filter((t) => t.rule.watch.kind === 'tier');
  const rows = [
    ...run.draft.totals,
    ...run.saved.totals.filter((s) => !run.draft.totals.some((d) => d.rule.uid === s.rule.uid)),
  ];
  const errors = [...run.draft.errors, ...run.saved.errors];
  return (
    <div>
      {errors.length > 0 && (
        <Alert severity="warning" title="Some history could not be read">
          {errors.join('; ')}
        </Alert>
      )}
      {run.draft.services.size === 0 && run.saved.services.size === 0 ? (
        <p>No service returned any data over the last {run.range}: nothing to replay.</p>
      ) : (
        <>
          <ul className={styles.sentences}>
            {tiers.map((t) => (
              <li key={t.rule.uid}>{tierSentence(t, saved(t.rule.uid), run.range)}</li>
            ))}
          </ul>
          <table className={styles.table} aria-label={`Alert rules over the last ${run.range}`}>
            <caption className={styles.caption}>
              {run.draft.services.size} service(s), every {run.step} ({run.steps} steps): fired / total / longest
            </caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">These thresholds</th>
                <th scope="col">Saved profile</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.rule.uid}>
                  <th scope="row">
                    {t.rule.name} ({t.rule.severity}, for {t.rule.for})
                  </th>
                  <td>{cell(run.draft.totals.find((d) => d.rule.uid === t.rule.uid))}</td>
                  <td>{cell(saved(t.rule.uid))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/**
 * Before Apply: how often the alert rules of the profile as edited would have fired over past data on the
 * Prometheus datasource, beside the saved profile's. Run on request: a month of history is many queries.
 */
export const BacktestSection = React.memo(function BacktestSection({
  draft,
  saved,
  datasource,
}: {
  /** The draft once typing pauses; null while it has problems. */
  draft: Profile | null;
  saved: Profile;
  datasource: string | null;
}) {
  const styles = useStyles2(getStyles);
  const [range, setRange] = useState('30d');
  const { state, run } = useBacktest(draft, saved, datasource);
  const waiting = !datasource
    ? 'Choose a Prometheus datasource above to back-test the profile.'
    : !draft
      ? 'The back-test waits until the profile has no problems.'
      : null;
  const running = state?.running === true;
  return (
    <section aria-labelledby="perfscope-backtest" className={styles.section}>
      <h3 id="perfscope-backtest">Back-test</h3>
      <p className={styles.help}>
        How often the alert rules of the profile as edited would have fired over past data, beside the saved
        profile&apos;s, summed over the services: the health score, each indicator&apos;s thresholds, each burn-rate
        tier and the gate of <code>perfscope check</code>, judged every step; a rule fires once per episode that lasts
        its pending period.
      </p>
      <Stack gap={1} alignItems="center">
        <RadioButtonGroup size="sm" options={RANGES} value={range} onChange={setRange} disabled={running} />
        <Button
          variant="secondary"
          icon="history"
          disabled={waiting !== null || running}
          onClick={() => run(parseDuration(range)!)}
        >
          Run the back-test
        </Button>
      </Stack>
      <div aria-live="polite" className={styles.status}>
        {waiting ?? (running ? `Reading the history: ${Math.round(state.done * 100)} %` : '')}
      </div>
      {state && 'failed' in state && (
        <Alert severity="error" title="The back-test failed">
          {state.failed}
        </Alert>
      )}
      {state && 'result' in state && <Result run={state.result} />}
    </section>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  help: css({ color: theme.colors.text.secondary }),
  status: css({ color: theme.colors.text.secondary, minHeight: theme.spacing(2.5) }),
  sentences: css({ margin: theme.spacing(1, 0, 1, 2) }),
  caption: css({ captionSide: 'top', textAlign: 'left', color: theme.colors.text.secondary }),
  table: css({
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      textAlign: 'left',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
  }),
});
