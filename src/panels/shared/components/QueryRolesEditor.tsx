import { css } from '@emotion/css';
import React from 'react';
import type { DataFrame, GrafanaTheme2 } from '@grafana/data';
import { Combobox, useStyles2 } from '@grafana/ui';

export interface QueryRole {
  key: string;
  label: string;
  /** The refId (or series name) used when none is chosen. */
  fallback: string;
  description?: string;
}

interface Props {
  roles: QueryRole[];
  value: Record<string, string> | undefined;
  onChange: (value: Record<string, string>) => void;
  data: DataFrame[] | undefined;
}

/** Chooses, for each thing the panel reads, the query (refId) or series name that measures it. */
export function QueryRolesEditor({ roles, value = {}, onChange, data = [] }: Props) {
  const styles = useStyles2(getStyles);
  const refIds = [...new Set(data.map((f) => f.refId).filter((r): r is string => Boolean(r)))].sort();
  const options = refIds.map((r) => ({ label: r, value: r }));
  return (
    <div className={styles.list}>
      {roles.map((role) => {
        const current = value[role.key] ?? '';
        const found = refIds.includes(current || role.fallback);
        return (
          <div key={role.key} className={styles.row}>
            <label className={styles.label} htmlFor={`perfscope-role-${role.key}`} title={role.description}>
              {role.label}
            </label>
            <Combobox
              id={`perfscope-role-${role.key}`}
              options={options}
              value={current || null}
              placeholder={role.fallback}
              createCustomValue
              isClearable
              onChange={(v) => {
                const next = { ...value };
                if (v?.value) {
                  next[role.key] = v.value;
                } else {
                  delete next[role.key];
                }
                onChange(next);
              }}
            />
            {!found && refIds.length > 0 && <span className={styles.missing}>no such query</span>}
          </div>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  row: css({ display: 'grid', gridTemplateColumns: '40% 1fr', alignItems: 'center', gap: theme.spacing(0.5) }),
  label: css({ fontSize: theme.typography.bodySmall.fontSize, margin: 0 }),
  missing: css({ gridColumn: 2, color: theme.colors.warning.text, fontSize: theme.typography.bodySmall.fontSize }),
});
