// @grafana/grafana-foundation-sdk, the builders the dashboards are made with, in one place.
//
// The SDK publishes each module only under its package.json "exports" (no main entry). The plugin, Jest and the
// type check (tsconfig.json, moduleResolution "bundler") resolve them with their types; the CLI's build
// (tsconfig.cli.json, moduleResolution "node", kept for @prometheus-io/lezer-promql) cannot see "exports" and
// so cannot find the types, although Node finds the modules at run time. Hence the ts-ignore on each line:
// `npx tsc --noEmit -p tsconfig.json` checks every use of the SDK with its types; the CLI's build compiles the
// same code with them as `any`.

// @ts-ignore -- see above
export * as cog from '@grafana/grafana-foundation-sdk/cog';
// @ts-ignore -- see above
export * as common from '@grafana/grafana-foundation-sdk/common';
// @ts-ignore -- see above
export * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
// @ts-ignore -- see above
export * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
// @ts-ignore -- see above
export * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
// @ts-ignore -- see above
export * as stat from '@grafana/grafana-foundation-sdk/stat';
// @ts-ignore -- see above
export * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
// @ts-ignore -- see above
export * as table from '@grafana/grafana-foundation-sdk/table';
