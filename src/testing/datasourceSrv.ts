import type { DataSourceInstanceSettings } from '@grafana/data';
import { setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';

// Grafana's datasource service as a page sees it: the datasources of this Grafana, found by uid or name (as
// Grafana's is, and as its DataSourcePicker asks for the one picked), listed by type or plugin id.

const instance = (uid: string, name: string, type: string) =>
  ({ uid, name, type, meta: { id: type, info: { logos: {} } }, jsonData: {} }) as unknown as DataSourceInstanceSettings;

/** The compose stack's datasources (provisioning/datasources), with their provisioned uids. */
export const PROVISIONED = [
  instance('perfscope-prometheus', 'Prometheus', 'prometheus'),
  instance('perfscope-health', 'PerfScope', 'perfscope-health-datasource'),
];

/** One more of each, created in Grafana's UI (so with uids Grafana made up). */
export const CREATED = [
  instance('bf3k9prom2eu', 'Prometheus EU', 'prometheus'),
  instance('c81mz4ps0eu', 'PerfScope EU', 'perfscope-health-datasource'),
  instance('loki-logs', 'Loki', 'loki'),
];

interface ListFilters {
  type?: string | string[];
  pluginId?: string;
}

/** A DataSourceSrv holding these datasources (default: the provisioned ones and the created ones). */
export function fakeDataSourceSrv(list: DataSourceInstanceSettings[] = [...PROVISIONED, ...CREATED]): DataSourceSrv {
  const find = (ref: unknown) => {
    const key = typeof ref === 'string' ? ref : (ref as { uid?: string } | null | undefined)?.uid;
    return list.find((ds) => ds.uid === key || ds.name === key);
  };
  return {
    getList: (filters: ListFilters = {}) =>
      list.filter(
        (ds) =>
          (!filters.type || [filters.type].flat().includes(ds.type)) &&
          (!filters.pluginId || ds.meta.id === filters.pluginId)
      ),
    getInstanceSettings: find,
    get: async (ref: unknown) => find(ref),
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  } as unknown as DataSourceSrv;
}

/** Makes these datasources Grafana's for the test; returns them. */
export function serveDatasources(list?: DataSourceInstanceSettings[]) {
  const srv = fakeDataSourceSrv(list);
  setDataSourceSrv(srv);
  return srv;
}
