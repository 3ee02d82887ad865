import React from 'react';
import type { StandardEditorProps } from '@grafana/data';

import { QueryRolesEditor } from '../../shared/components/QueryRolesEditor';
import { defaultQueries, type DomainOverheadOptions, type QueryRoleKey } from '../types';

const roles = [
  {
    key: 'overhead',
    label: 'Overhead',
    description: 'already computed per service and domain (perfscope:domain_overhead); the others are then not read',
  },
  { key: 'domainTime', label: 'Time in each domain', description: 'share mode: per service and domain' },
  { key: 'totalTime', label: 'Total request time', description: 'share mode: per service' },
  { key: 'domainLatency', label: 'Domain latency', description: 'baseline mode: per service and domain' },
  {
    key: 'baseline',
    label: 'Domain latency at the baseline',
    description: 'baseline mode: the same query with offset',
  },
].map((r) => ({ ...r, fallback: defaultQueries[r.key as QueryRoleKey] }));

/** Which query measures what; the mode (share or baseline) decides which two are read. */
export function QueriesEditor({ value, onChange, context }: StandardEditorProps<DomainOverheadOptions['queries']>) {
  return (
    <QueryRolesEditor roles={roles} value={value as Record<string, string>} onChange={onChange} data={context.data} />
  );
}
