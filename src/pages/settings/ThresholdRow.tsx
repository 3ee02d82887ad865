import React from 'react';
import { Stack } from '@grafana/ui';

import type { Thresholds } from '../../scoring';
import { NumberField } from './fields';
import type { Draft } from './useDraft';

const FIELDS = ['target', 'warning', 'critical'] as const;

/** A label and its target, warning and critical overhead (%), each with its problem under it. */
export function ThresholdRow({
  d,
  path,
  label,
  value,
  onChange,
  extra,
}: {
  d: Draft;
  /** The thresholds' path in the profile, e.g. domains.overrides.checkout. */
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
