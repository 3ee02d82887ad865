import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';

import type { BudgetPolicy } from '../../scoring';
import { fieldsOf, itemProblem, ListField, NumberField, TextField } from './fields';
import type { Draft } from './useDraft';

/** The error-budget policy: the budget spent that warns, pages and freezes, and the exhaustion projection. */
export function BudgetPolicyFields({ d }: { d: Draft }) {
  const styles = useStyles2(getStyles);
  const policy = d.draft.sla.budgetPolicy;
  const field = fieldsOf(
    'budget-policy',
    policy,
    (patch: Partial<BudgetPolicy>) => d.setSla({ budgetPolicy: { ...policy, ...patch } }),
    (key) =>
      d.problem(`sla.budgetPolicy.${key}`) ??
      (key === 'windows' ? itemProblem(d.problem, 'sla.budgetPolicy.windows', policy.windows) : undefined)
  );
  return (
    <fieldset className={styles.policy}>
      <legend>Error-budget policy</legend>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <NumberField label="Warn at % spent" width={10} {...field('warnSpent')} />
        <NumberField label="Page at % spent" width={10} {...field('pageSpent')} />
        <NumberField label="Freeze at % spent" width={10} {...field('freezeSpent')} />
        <TextField
          label="Freeze when exhausted within"
          description="At any window's burn rate"
          width={12}
          {...field('freezeExhaustion')}
        />
        <ListField
          label="Projection windows"
          description="Burn-rate windows, comma-separated"
          width={20}
          {...field('windows')}
        />
      </Stack>
    </fieldset>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  policy: css({
    maxWidth: 1100,
    margin: theme.spacing(1, 0, 2),
    legend: { fontSize: theme.typography.h5.fontSize, width: 'auto', margin: 0 },
  }),
});
