import { useEffect, useMemo, useState } from 'react';
import type { DataQueryError } from '@grafana/data';

import { useAppProfile } from '../../components/profile/useAppProfile';
import { datasourceProblem } from '../shared/datasources';
import { profileQueries, runQueries } from '../shared/queries';
import { overviewFrom, type Overview } from './overviewData';

export type OverviewState =
  | { status: 'loading' }
  /** The Prometheus datasource is missing (or not one): nothing can be scored. */
  | { status: 'nodatasource'; problem: string }
  | { status: 'failed'; message: string; prometheusUid: string }
  | {
      status: 'done';
      overview: Overview;
      errors: DataQueryError[];
      notice?: string;
      /** The PerfScope datasource's problem: the dashboards and the alert rules need it. */
      perfscope: string | null;
    };

/** Queries the Prometheus datasource chosen in the settings for the last hour and scores every service and domain. */
export function useOverview(): OverviewState {
  const app = useAppProfile();
  const problems = useMemo(() => {
    if (!app) {
      return null;
    }
    const { prometheusUid, perfscopeUid, chosen } = app.datasources;
    return {
      prometheus: datasourceProblem('prometheusUid', prometheusUid, chosen.prometheusUid),
      perfscope: datasourceProblem('perfscopeUid', perfscopeUid, chosen.perfscopeUid),
    };
  }, [app]);
  const [state, setState] = useState<OverviewState>({ status: 'loading' });
  useEffect(() => {
    if (!app || !problems || problems.prometheus) {
      return;
    }
    const { prometheusUid } = app.datasources;
    let live = true;
    runQueries(prometheusUid, profileQueries(app.profile, { domains: true }))
      .then((result) => {
        if (live) {
          setState({
            status: 'done',
            overview: overviewFrom(result, app.profile),
            errors: result.errors,
            notice: app.notice,
            perfscope: problems.perfscope,
          });
        }
      })
      .catch((e: Error) => live && setState({ status: 'failed', message: e.message, prometheusUid }));
    return () => {
      live = false;
    };
  }, [app, problems]);
  return problems?.prometheus ? { status: 'nodatasource', problem: problems.prometheus } : state;
}
