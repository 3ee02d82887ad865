import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Stack, Switch, useStyles2 } from '@grafana/ui';

import { smallTable } from '../../components/tableStyles';
import { parseDuration, periodLength, tierFactor } from '../../scoring';
import { NumberField, TextField } from './fields';
import type { Draft } from './useDraft';

/** The SLA target, period, latency objective and MTTR target, and which burn-rate tiers alert. */
export function SlaSection({ d }: { d: Draft }) {
  const styles = useStyles2(getStyles);
  const sla = d.draft.sla;
  // The factors of a calendar-month period depend on the month: this month's.
  const [now] = useState(() => Date.now());
  const periodMs = sla.period === 'month' || parseDuration(sla.period) !== null ? periodLength(sla.period, now) : null;
  return (
    <section aria-labelledby="perfscope-sla" className={styles.section}>
      <h3 id="perfscope-sla">SLA</h3>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <NumberField
          id="perfscope-sla-target"
          label="Availability target %"
          value={sla.target}
          onChange={(target) => d.setSla({ target })}
          error={d.problem('sla.target')}
        />
        <TextField
          id="perfscope-sla-period"
          label="Period"
          description='"30d" rolling, or "month"'
          value={sla.period}
          onChange={(period) => d.setSla({ period })}
          error={d.problem('sla.period')}
          width={12}
        />
        <TextField
          id="perfscope-sla-mttr"
          label="MTTR target"
          description='e.g. "5m"'
          value={sla.mttrTarget}
          onChange={(mttrTarget) => d.setSla({ mttrTarget })}
          error={d.problem('sla.mttrTarget')}
          width={12}
        />
        <NumberField
          id="perfscope-sla-latency-threshold"
          label="Latency threshold (s)"
          description="A bucket bound of the histogram"
          value={sla.latencyThreshold}
          onChange={(latencyThreshold) => d.setSla({ latencyThreshold })}
          error={d.problem('sla.latencyThreshold')}
        />
        <NumberField
          id="perfscope-sla-latency-target"
          label="Latency target %"
          description="Requests under the threshold"
          value={sla.latencyTarget}
          onChange={(latencyTarget) => d.setSla({ latencyTarget })}
          error={d.problem('sla.latencyTarget')}
        />
      </Stack>
      <div className={styles.tiers}>
        <table className={styles.table}>
          <caption className={styles.caption}>
            Burn-rate tiers: a tier fires when both windows burn faster than its factor
          </caption>
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">Tier</th>
              <th scope="col">Severity</th>
              <th scope="col">Budget spent</th>
              <th scope="col">Windows</th>
              <th scope="col">Factor</th>
            </tr>
          </thead>
          <tbody>
            {sla.burnRateTiers.map((t, i) => (
              <tr key={i} data-tier={t.name}>
                <td>
                  <Switch
                    aria-label={`${t.name} on`}
                    value={t.enabled}
                    onChange={(e) => d.setTier(i, { enabled: e.currentTarget.checked })}
                  />
                </td>
                <th scope="row">{t.name}</th>
                <td>{t.severity}</td>
                <td>{Number((100 * t.budgetFraction).toFixed(2))} %</td>
                <td>
                  {t.longWindow} and {t.shortWindow}
                </td>
                <td>
                  {periodMs && parseDuration(t.longWindow) ? `${Number(tierFactor(t, periodMs).toFixed(2))}×` : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  table: smallTable(theme),
  tiers: css({ maxWidth: 720 }),
  caption: css({ textAlign: 'left', padding: theme.spacing(1, 0) }),
});
