import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Collapse, Field, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';

import { parseDuration, tierFactor, type BurnRateTier, type Severity } from '../../scoring';
import { fieldsOf, SwitchField, NumberField, TextField } from './fields';
import type { Draft } from './useDraft';

const TIER_FIELDS = ['name', 'severity', 'budgetFraction', 'longWindow', 'shortWindow'] as const;

const severities = (['critical', 'warning', 'info'] as const).map((value) => ({ value, label: value }));

/**
 * Each burn-rate tier: its name, severity, share of the error budget, long and short windows and whether it
 * alerts, with the factor they make over the SLA period (`periodMs`, null while the period is not valid).
 */
export function BurnRateTiers({ d, periodMs }: { d: Draft; periodMs: number | null }) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(true);
  const tiers = d.draft.sla.burnRateTiers;
  const path = 'sla.burnRateTiers';
  // A tier with a problem shows it, whatever the toggle.
  const wrong = d.problems.some((p) => p.path.startsWith(`${path}[`));
  const on = tiers.filter((t) => t.enabled).length;
  return (
    <Collapse
      label={`Burn-rate tiers: ${on} of ${tiers.length} on; a tier fires when both its windows burn the error budget faster than its factor`}
      isOpen={open || wrong}
      onToggle={() => setOpen(!(open || wrong))}
      className={styles.collapse}
    >
      {d.problem(path) && <p className={styles.error}>{d.problem(path)}</p>}
      {tiers.map((t, i) => (
        <TierFields
          key={i}
          index={i}
          tier={t}
          factor={periodMs && parseDuration(t.longWindow) ? tierFactor(t, periodMs) : null}
          problems={Object.fromEntries(TIER_FIELDS.map((f) => [f, d.problem(`${path}[${i}].${f}`)]))}
          setTier={d.setTier}
        />
      ))}
    </Collapse>
  );
}

interface TierFieldsProps {
  index: number;
  tier: BurnRateTier;
  factor: number | null;
  problems: Record<string, string | undefined>;
  setTier: Draft['setTier'];
}

function TierFields({ index: i, tier: t, factor, problems, setTier }: TierFieldsProps) {
  const styles = useStyles2(getStyles);
  const field = fieldsOf(
    `tier-${i}`,
    t,
    (patch) => setTier(i, patch),
    (key) => problems[key]
  );
  const severity = field('severity');
  return (
    <fieldset className={styles.tier} data-tier={t.name}>
      <legend>{t.name || `Tier ${i + 1}`}</legend>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <SwitchField label="On" {...field('enabled')} />
        <TextField label="Name" {...field('name')} />
        <Field label="Severity" invalid={Boolean(severity.error)} error={severity.error}>
          <RadioButtonGroup<Severity> options={severities} value={severity.value} onChange={severity.onChange} />
        </Field>
        <NumberField
          label="Budget share"
          description="Of the period's budget, 0–1"
          width={10}
          {...field('budgetFraction')}
        />
        <TextField label="Long window" width={10} {...field('longWindow')} />
        <TextField label="Short window" width={10} {...field('shortWindow')} />
        <p className={styles.factor}>
          Factor
          <br />
          <output htmlFor={`${field('budgetFraction').id} ${field('longWindow').id}`}>
            {factor === null ? '–' : `${Number(factor.toFixed(2))}×`}
          </output>
        </p>
      </Stack>
    </fieldset>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  collapse: css({ maxWidth: 1100 }),
  tier: css({
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    padding: theme.spacing(1, 0),
    legend: { fontSize: theme.typography.h5.fontSize, width: 'auto', margin: 0 },
  }),
  factor: css({ fontWeight: theme.typography.fontWeightMedium, margin: 0, lineHeight: 2 }),
  error: css({ color: theme.colors.error.text }),
});
