import { locationUtil } from '@grafana/data';

/** Grafana served from `appSubUrl` ("" at the root), as locationUtil sees it when links are built. */
export const serveAppSubUrl = (appSubUrl: string) =>
  locationUtil.initialize({
    config: { appSubUrl } as never,
    getTimeRangeForUrl: () => ({ from: 'now-6h', to: 'now' }),
    getVariablesUrlParams: () => ({}),
  });
