import { locationUtil } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';

import { APP_ID, type AppDatasources } from '../../components/profile/appProfile';

export type DatasourceKey = keyof AppDatasources;

/** The two datasources PerfScope works with: the plugin type each must be, and what the pages call it. */
export const DATASOURCE_KINDS: Record<DatasourceKey, { type: string; title: string }> = {
  prometheusUid: { type: 'prometheus', title: 'Prometheus' },
  perfscopeUid: { type: 'perfscope-health-datasource', title: 'PerfScope' },
};

/** The app's settings page (its config page), under Grafana's sub-path when it is served from one. */
export const settingsUrl = () => locationUtil.assureBaseUrl(`/plugins/${APP_ID}?page=settings`);

/**
 * What is wrong with `uid` as PerfScope's `key` datasource, naming it, or null when this Grafana has a datasource
 * with that uid, of the right type, that the user may use. `chosen`: whether the settings chose it (else it is
 * the default, provisioned uid).
 */
export function datasourceProblem(key: DatasourceKey, uid: string, chosen: boolean): string | null {
  const kind = DATASOURCE_KINDS[key];
  const found = getDataSourceSrv().getInstanceSettings(uid);
  const settings = found?.uid === uid ? found : undefined;
  if (settings?.type === kind.type) {
    return null;
  }
  const which = chosen
    ? `The ${kind.title} datasource chosen in the PerfScope settings (uid ${uid})`
    : `No ${kind.title} datasource is chosen in the PerfScope settings, and the default one (uid ${uid})`;
  return settings
    ? `${which} is "${settings.name}", a ${settings.type} datasource, not a ${kind.title} one`
    : `${which} does not exist in this Grafana, or you may not use it`;
}
