import { useEffect, useState } from 'react';
import type { DataQueryError } from '@grafana/data';

import { useAppProfile } from '../../components/profile/useAppProfile';
import { profileQueries, PROMETHEUS_UID, runQueries } from '../shared/queries';
import { overviewFrom, type Overview } from './overviewData';

export type OverviewState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'done'; overview: Overview; errors: DataQueryError[]; notice?: string };

/** Queries the provisioned Prometheus for the last hour and scores every service and domain. */
export function useOverview(): OverviewState {
  const app = useAppProfile();
  const [state, setState] = useState<OverviewState>({ status: 'loading' });
  useEffect(() => {
    if (!app) {
      return;
    }
    let live = true;
    runQueries(PROMETHEUS_UID, profileQueries(app.profile, { domains: true }))
      .then((result) => {
        if (live) {
          setState({
            status: 'done',
            overview: overviewFrom(result, app.profile),
            errors: result.errors,
            notice: app.notice,
          });
        }
      })
      .catch((e: Error) => live && setState({ status: 'failed', message: e.message }));
    return () => {
      live = false;
    };
  }, [app]);
  return state;
}
