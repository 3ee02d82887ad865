import React from 'react';

import { PanelMessage } from '../../../components/PanelMessage';

/** What a panel shows before it can compute: loading, or its own settings are invalid (each problem named). */
export function beforeData(loading: boolean, what: string, problems: string[] | undefined): React.ReactElement | null {
  if (loading) {
    return <PanelMessage kind="loading" title={`Loading ${what}`} />;
  }
  if (problems && problems.length > 0) {
    return (
      <PanelMessage kind="error" title="This panel's settings are not valid">
        {problems.join('; ')}
      </PanelMessage>
    );
  }
  return null;
}

/** What a panel shows without data: the queries' errors, or what it expected to read. */
export function withoutData(errors: string[], expected: React.ReactNode): React.ReactElement {
  return errors.length > 0 ? (
    <PanelMessage kind="error" title="The queries failed">
      {errors.join('; ')}
    </PanelMessage>
  ) : (
    <PanelMessage kind="nodata" title="No data">
      {expected}
    </PanelMessage>
  );
}
