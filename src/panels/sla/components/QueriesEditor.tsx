import React from 'react';
import type { StandardEditorProps } from '@grafana/data';

import { QueryRolesEditor } from '../../shared/components/QueryRolesEditor';
import { defaultQueries, type SlaOptions, type SlaRole } from '../types';

const roles = [
  {
    key: 'windows',
    label: 'Error ratio per window',
    description: 'instant, each series labelled window="5m", "1h", ..., "30d"',
  },
  {
    key: 'period',
    label: 'Error ratio over the period',
    description: "over time: a rolling period's budget burn-down (a calendar month's comes from the rates)",
  },
  { key: 'latency', label: 'Latency compliance', description: 'fraction of requests under the threshold' },
  { key: 'errors', label: 'Error rate (req/s)', description: "over time: MTTR, monthly history, a month's burn-down" },
  {
    key: 'requests',
    label: 'Request rate (req/s)',
    description: "over time: MTTR, monthly history, a month's burn-down",
  },
].map((r) => ({ ...r, fallback: defaultQueries[r.key as SlaRole] }));

/** Which query measures what, by refId. */
export function QueriesEditor({ value, onChange, context }: StandardEditorProps<SlaOptions['queries']>) {
  return (
    <QueryRolesEditor roles={roles} value={value as Record<string, string>} onChange={onChange} data={context.data} />
  );
}
