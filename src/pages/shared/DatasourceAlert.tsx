import React from 'react';
import { Alert, LinkButton } from '@grafana/ui';

import { settingsUrl } from './datasources';

/** What is wrong with the datasources PerfScope uses, each problem named, with a link to the settings to fix it. */
export function DatasourceAlert({
  title,
  problems,
  severity = 'error',
}: {
  title: string;
  problems: string[];
  severity?: 'error' | 'warning';
}) {
  return (
    <Alert severity={severity} title={title}>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}.</li>
        ))}
      </ul>
      <LinkButton href={settingsUrl()} variant="secondary" size="sm" icon="cog">
        Choose the datasources in the PerfScope settings
      </LinkButton>
    </Alert>
  );
}
