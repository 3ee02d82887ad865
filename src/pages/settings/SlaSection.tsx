import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';

import { parseDuration, periodLength } from '../../scoring';
import { BudgetPolicyFields } from './BudgetPolicyFields';
import { BurnRateTiers } from './BurnRateTiers';
import { fieldsOf, NumberField, QueryField, TextField } from './fields';
import { sameParts, type Draft } from './useDraft';

/**
 * The SLA target, period, latency objective and MTTR target, its two queries, the error-budget policy and the
 * burn-rate tiers.
 */
export const SlaSection = React.memo(
  function SlaSection({ d }: { d: Draft }) {
    const styles = useStyles2(getStyles);
    const sla = d.draft.sla;
    const field = fieldsOf('sla', sla, d.setSla, (key) => d.problem(`sla.${key}`));
    // The factors of a calendar-month period depend on the month: this month's.
    const [now] = useState(() => Date.now());
    const periodMs =
      sla.period === 'month' || parseDuration(sla.period) !== null ? periodLength(sla.period, now) : null;
    return (
      <section aria-labelledby="perfscope-sla" className={styles.section}>
        <h3 id="perfscope-sla">SLA</h3>
        <Stack gap={2} wrap="wrap" alignItems="flex-start">
          <NumberField label="Availability target %" {...field('target')} />
          <TextField label="Period" description='"30d" rolling, or "month"' width={12} {...field('period')} />
          <TextField label="MTTR target" description='e.g. "5m"' width={12} {...field('mttrTarget')} />
          <NumberField
            label="Latency threshold (s)"
            description="A bucket bound of the histogram"
            {...field('latencyThreshold')}
          />
          <NumberField
            label="Latency target %"
            description="Requests under the threshold"
            {...field('latencyTarget')}
          />
        </Stack>
        <QueryField
          label="Error ratio query (PromQL)"
          description="The share of requests that failed (0–1) over $window, per service"
          {...field('errorRatioQuery')}
        />
        <QueryField
          label="Latency compliance query (PromQL)"
          description="The share of requests faster than $latencyThreshold (0–1) over $window, per service"
          {...field('latencyComplianceQuery')}
        />
        <BudgetPolicyFields d={d} />
        <BurnRateTiers d={d} periodMs={periodMs} />
      </section>
    );
  },
  sameParts((d) => d.draft.sla)
);

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
});
