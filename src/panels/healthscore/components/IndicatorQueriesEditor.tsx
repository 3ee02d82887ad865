import React from 'react';
import type { StandardEditorProps } from '@grafana/data';

import { useAppProfile } from '../../../components/profile/useAppProfile';
import { QueryRolesEditor } from '../../shared/components/QueryRolesEditor';

/** Which query measures each indicator: by default the query whose refId is the indicator's id. */
export function IndicatorQueriesEditor({ value, onChange, context }: StandardEditorProps<Record<string, string>>) {
  const app = useAppProfile();
  const roles = (app?.profile.indicators ?? [])
    .filter((i) => i.enabled)
    .map((i) => ({ key: i.id, label: i.name, fallback: i.id, description: i.query }));
  return <QueryRolesEditor roles={roles} value={value} onChange={onChange} data={context.data} />;
}
