import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Field, IconButton, Input, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';

import type { Thresholds } from '../../scoring';
import { NumberField, TextField } from './fields';
import type { Draft } from './useDraft';

const FIELDS = ['target', 'warning', 'critical'] as const;

function ThresholdRow({
  d,
  path,
  label,
  value,
  onChange,
  extra,
}: {
  d: Draft;
  path: string;
  label: string;
  value: Thresholds;
  onChange: (t: Thresholds) => void;
  extra?: React.ReactNode;
}) {
  const id = path.replace(/[^\w]+/g, '-');
  return (
    <Stack gap={2} alignItems="flex-start" wrap="wrap">
      <span style={{ minWidth: 180, paddingTop: 28 }}>{label}</span>
      {FIELDS.map((f) => (
        <NumberField
          key={f}
          id={`perfscope-${id}-${f}`}
          label={`${f[0].toUpperCase()}${f.slice(1)} %`}
          value={value[f]}
          onChange={(v) => onChange({ ...value, [f]: v })}
          error={d.problem(`${path}.${f}`)}
          width={10}
        />
      ))}
      {extra}
    </Stack>
  );
}

/** Overhead thresholds for every domain, per-domain overrides, the system total, and the mode. */
export function DomainsSection({ d }: { d: Draft }) {
  const styles = useStyles2(getStyles);
  const [adding, setAdding] = useState('');
  const dom = d.draft.domains;
  const name = adding.trim();
  return (
    <section aria-labelledby="perfscope-domains" className={styles.section}>
      <h3 id="perfscope-domains">Domain overhead</h3>
      <Field
        label="Overhead of a domain"
        description="Its share of request time, or its latency growth against the baseline"
      >
        <RadioButtonGroup
          options={[
            { value: 'share' as const, label: 'Share of request time' },
            { value: 'baseline' as const, label: 'Against the baseline' },
          ]}
          value={dom.mode}
          onChange={(mode) => d.setDomains({ mode })}
        />
      </Field>
      {dom.mode === 'baseline' && (
        <TextField
          id="perfscope-baseline-offset"
          label="Baseline offset"
          description='How long ago the baseline is, e.g. "7d"'
          value={dom.baselineOffset}
          onChange={(baselineOffset) => d.setDomains({ baselineOffset })}
          error={d.problem('domains.baselineOffset')}
        />
      )}
      <ThresholdRow
        d={d}
        path="domains.system"
        label="System total"
        value={dom.system}
        onChange={(system) => d.setDomains({ system })}
      />
      <ThresholdRow
        d={d}
        path="domains.defaults"
        label="Every domain"
        value={dom.defaults}
        onChange={(defaults) => d.setDomains({ defaults })}
      />
      {Object.entries(dom.overrides).map(([domain, t]) => (
        <ThresholdRow
          key={domain}
          d={d}
          path={`domains.overrides.${domain}`}
          label={domain}
          value={t}
          onChange={(v) => d.setDomains({ overrides: { ...dom.overrides, [domain]: v } })}
          extra={
            <IconButton
              className={styles.remove}
              name="trash-alt"
              tooltip={`Use the defaults for ${domain}`}
              onClick={() => {
                const { [domain]: _, ...rest } = dom.overrides;
                d.setDomains({ overrides: rest });
              }}
            />
          }
        />
      ))}
      <Stack gap={1}>
        <Input
          aria-label="Domain to give its own thresholds"
          placeholder="domain, e.g. compliance_evaluation"
          width={36}
          value={adding}
          onChange={(e) => setAdding(e.currentTarget.value)}
        />
        <Button
          variant="secondary"
          icon="plus"
          disabled={!name || name in dom.overrides}
          onClick={() => {
            d.setDomains({ overrides: { ...dom.overrides, [name]: { ...dom.defaults } } });
            setAdding('');
          }}
        >
          Thresholds for this domain
        </Button>
      </Stack>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  remove: css({ marginTop: theme.spacing(3.5) }),
});
