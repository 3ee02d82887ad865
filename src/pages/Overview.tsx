import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService, PluginPage } from '@grafana/runtime';
import { Alert, LinkButton, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { Notices } from '../components/Notices';
import { describeErrors } from '../views/state';
import { DomainTable } from './overview/DomainTable';
import { GroupTiles } from './overview/GroupTiles';
import { ServiceTiles } from './overview/ServiceTiles';
import { useOverview } from './overview/useOverview';
import { DatasourceAlert } from './shared/DatasourceAlert';
import { DASHBOARDS, dashboardUrl, type DashboardKey } from './shared/dashboards';

/** Every service's and domain's health at a glance, over the last hour, with links into the dashboards. */
export function Overview() {
  const styles = useStyles2(getStyles);
  const state = useOverview();
  // The chosen group lives in the URL (?group=ID), so the Executive dashboard's group tiles can link to it.
  const [group, choose] = useState<string | null>(() => {
    const id = locationService.getSearchObject().group;
    return typeof id === 'string' ? id : null;
  });
  const setGroup = (id: string | null) => {
    choose(id);
    locationService.partial({ group: id }, true);
  };
  const portfolio = state.status === 'done' ? state.overview.portfolio : [];
  const chosen = portfolio.find((g) => g.id === group);
  return (
    <PluginPage>
      <div className={styles.page}>
        <nav className={styles.links} aria-label="Dashboards">
          {(Object.keys(DASHBOARDS) as DashboardKey[]).map((key) => (
            <LinkButton key={key} href={dashboardUrl(key)} variant="secondary" size="sm" icon="apps">
              {DASHBOARDS[key].title} dashboard
            </LinkButton>
          ))}
        </nav>
        {state.status === 'loading' && <LoadingPlaceholder text="Scoring every service" />}
        {state.status === 'nodatasource' && (
          <DatasourceAlert title="The services could not be scored" problems={[state.problem]} />
        )}
        {state.status === 'failed' && (
          <Alert severity="error" title="The services could not be scored">
            {state.message}. PerfScope reads the Prometheus datasource with uid {state.prometheusUid}.
          </Alert>
        )}
        {state.status === 'done' && (
          <>
            {state.perfscope && (
              <DatasourceAlert
                severity="warning"
                title="The dashboards and alert rules cannot score"
                problems={[state.perfscope]}
              />
            )}
            <Notices
              warnings={[
                ...describeErrors(state.errors),
                ...state.overview.health.problems,
                ...state.overview.overhead.problems,
              ]}
              infos={state.notice ? [state.notice] : []}
            />
            {portfolio.length > 0 && (
              <section aria-labelledby="perfscope-groups">
                <h2 id="perfscope-groups" className={styles.heading}>
                  Groups
                </h2>
                <GroupTiles tiles={portfolio} selected={chosen?.id ?? null} onSelect={setGroup} />
              </section>
            )}
            <section aria-labelledby="perfscope-services">
              <h2 id="perfscope-services" className={styles.heading}>
                {chosen ? `Services of ${chosen.name}` : 'Services'}
              </h2>
              {state.overview.health.groups.length === 0 ? (
                <p>No service reported any indicator in the last hour.</p>
              ) : (
                <ServiceTiles
                  groups={
                    chosen
                      ? state.overview.health.groups.filter((s) => chosen.services.includes(s.name))
                      : state.overview.health.groups
                  }
                  errors={state.errors}
                />
              )}
            </section>
            <section aria-labelledby="perfscope-domains">
              <h2 id="perfscope-domains" className={styles.heading}>
                Domains
              </h2>
              {state.overview.domains.length === 0 ? (
                <p>No domain reported its time in the last hour.</p>
              ) : (
                <DomainTable domains={state.overview.domains} />
              )}
            </section>
          </>
        )}
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  links: css({ display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' }),
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: theme.spacing(0, 0, 1) }),
});
