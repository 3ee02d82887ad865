import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2, StandardEditorProps } from '@grafana/data';
import { Button, IconButton, Input, useStyles2 } from '@grafana/ui';

import { useAppProfile } from '../../../components/profile/useAppProfile';
import { domainThresholds, type Thresholds } from '../../../scoring';
import { OverrideNumber } from '../../shared/components/OverrideNumber';
import type { DomainThresholdOverrides } from '../types';

const FIELDS = ['target', 'warning', 'critical'] as const;

/** The system total's and the domains' thresholds for this panel, over the app settings'. */
export function ThresholdsEditor({ value = {}, onChange }: StandardEditorProps<DomainThresholdOverrides>) {
  const styles = useStyles2(getStyles);
  const app = useAppProfile();
  const [adding, setAdding] = useState('');
  if (!app) {
    return null;
  }
  const d = app.profile.domains;
  const partial = (group: 'defaults' | 'system', field: keyof Thresholds, v: number | undefined) => {
    const next = { ...value[group], [field]: v };
    if (v === undefined) {
      delete next[field];
    }
    onChange({ ...value, [group]: next });
  };
  const domain = (name: string, t: Thresholds | undefined) => {
    const domains = { ...value.domains };
    if (t) {
      domains[name] = t;
    } else {
      delete domains[name];
    }
    onChange({ ...value, domains });
  };
  const row = (
    label: string,
    inherited: Thresholds,
    current: Partial<Thresholds> | undefined,
    set: (f: keyof Thresholds, v: number | undefined) => void,
    extra?: React.ReactNode
  ) => (
    <div className={styles.row} key={label}>
      <span className={styles.label}>{label}</span>
      {FIELDS.map((f) => (
        <OverrideNumber
          key={f}
          label={`${label} ${f}`}
          value={current?.[f]}
          inherited={inherited[f]}
          onChange={(v) => set(f, v)}
          width={7}
        />
      ))}
      {extra}
    </div>
  );
  return (
    <div className={styles.list}>
      <div className={styles.row} aria-hidden>
        <span />
        {FIELDS.map((f) => (
          <span key={f} className={styles.head}>
            {f} %
          </span>
        ))}
      </div>
      {row('System total', d.system, value.system, (f, v) => partial('system', f, v))}
      {row('Every domain', d.defaults, value.defaults, (f, v) => partial('defaults', f, v))}
      {Object.entries(value.domains ?? {}).map(([name, t]) =>
        row(
          name,
          domainThresholds(d, name),
          t,
          (f, v) => domain(name, { ...t, [f]: v ?? domainThresholds(d, name)[f] }),
          <IconButton
            name="trash-alt"
            tooltip={`Remove ${name}'s thresholds`}
            onClick={() => domain(name, undefined)}
          />
        )
      )}
      <div className={styles.add}>
        <Input
          aria-label="Domain"
          placeholder="domain"
          value={adding}
          onChange={(e) => setAdding(e.currentTarget.value)}
          width={20}
        />
        <Button
          size="sm"
          variant="secondary"
          icon="plus"
          disabled={!adding.trim() || Boolean(value.domains?.[adding.trim()])}
          onClick={() => {
            domain(adding.trim(), { ...domainThresholds(d, adding.trim()) });
            setAdding('');
          }}
        >
          Thresholds for a domain
        </Button>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  row: css({
    display: 'grid',
    gridTemplateColumns: '1fr repeat(3, auto) 24px',
    gap: theme.spacing(0.5),
    alignItems: 'center',
  }),
  label: css({ fontSize: theme.typography.bodySmall.fontSize, overflow: 'hidden', textOverflow: 'ellipsis' }),
  head: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
  add: css({ display: 'flex', gap: theme.spacing(0.5), marginTop: theme.spacing(0.5) }),
});
