import type { Band, BandStep } from '../scoring';
import type { ProfileParts } from './profile';
import { bargauge, cog, common, dashboard, prometheus, stat, timeseries } from './sdk';

// The pieces every PerfScope dashboard is built from, with @grafana/grafana-foundation-sdk's builders: the
// datasources, targets, thresholds, the time series look, and PerfScope's own panels (see perfScopePanel).

export const PROMETHEUS = { type: 'prometheus', uid: '${datasource}' };
export const PERFSCOPE = { type: 'perfscope-health-datasource', uid: '${perfscope}' };
/** Grafana's Dashboard datasource: a panel reuses another panel's answer instead of querying again. */
export const DASHBOARD_DATASOURCE = { type: 'datasource', uid: '-- Dashboard --' };

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A Prometheus query in code mode: a range query by default, else an instant one. */
export function promTarget(
  refId: string,
  expr: string,
  legend: string,
  kind: 'range' | 'instant' = 'range'
): prometheus.DataqueryBuilder {
  const target = new prometheus.DataqueryBuilder()
    .refId(refId)
    .datasource(PROMETHEUS)
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(expr)
    .legendFormat(legend);
  return kind === 'range' ? target.range() : target.instant();
}

/** The answer of panel `panelId` of the same dashboard, through the Dashboard datasource: no query of its own. */
export function dashboardTarget(refId: string, panelId: number): cog.Builder<cog.Dataquery> {
  return {
    build: () => ({ refId, datasource: DASHBOARD_DATASOURCE, panelId, _implementsDataqueryVariant: () => undefined }),
  };
}

/** A query of the PerfScope datasource (its query model, src/datasource/types.ts): not an SDK datasource. */
export function perfScopeTarget(refId: string, query: Record<string, unknown>): cog.Builder<cog.Dataquery> {
  return {
    build: () => ({ refId, datasource: PERFSCOPE, ...query, _implementsDataqueryVariant: () => undefined }),
  };
}

/** Band colours: the PerfScope datasource's and the panels' (src/components/bands.ts bandColorName). */
export const BAND_COLORS: Record<Exclude<Band, 'nodata'>, string> = {
  ok: 'green',
  info: 'blue',
  warning: 'orange',
  critical: 'red',
};

type BandName = Exclude<Band, 'nodata'>;

/** Absolute thresholds: `base` below the first step, then each step's band from its value on (ascending). */
export function thresholds(base: BandName, ...steps: Array<[from: number, band: BandName]>) {
  return new dashboard.ThresholdsConfigBuilder()
    .mode(dashboard.ThresholdsMode.Absolute)
    .steps([
      { color: BAND_COLORS[base], value: null },
      ...steps.map(([from, band]) => ({ color: BAND_COLORS[band], value: from })),
    ]);
}

/** A score's or a value's band steps (src/scoring) as thresholds, coloured as the PerfScope panels colour bands. */
export const bandThresholds = ([first, ...rest]: BandStep[]) =>
  thresholds(first.band, ...rest.map((s): [number, BandName] => [s.from, s.band]));

/** The legend and tooltip of every time series: a list below, every series in the tooltip, highest first. */
export const legend = () =>
  new common.VizLegendOptionsBuilder()
    .displayMode(common.LegendDisplayMode.List)
    .placement(common.LegendPlacement.Bottom)
    .showLegend(true)
    .calcs([]);
const tooltip = () =>
  new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending);

export interface SeriesPanel {
  id: number;
  title: string;
  description: string;
  gridPos: GridPos;
  unit: string;
  targets: Array<cog.Builder<cog.Dataquery>>;
  /** Drawn as dashed lines (`dashed`) or as lines over coloured areas (`line+area`, the default with thresholds). */
  thresholds?: { steps: dashboard.ThresholdsConfigBuilder; style?: common.GraphThresholdsStyleMode };
  /** Stacked bars instead of lines. */
  bars?: boolean;
}

/** A time series panel as PerfScope draws them: thin lines, light fill, thresholds drawn when it has some. */
export function seriesPanel(p: SeriesPanel): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder()
    .id(p.id)
    .title(p.title)
    .description(p.description)
    .gridPos(p.gridPos)
    .datasource(PROMETHEUS)
    .targets(p.targets)
    .unit(p.unit)
    .drawStyle(p.bars ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line)
    .lineWidth(1)
    .fillOpacity(p.bars ? 60 : 10)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false)
    .axisPlacement(common.AxisPlacement.Auto)
    .thresholdsStyle(
      new common.GraphThresholdsStyleConfigBuilder().mode(
        p.thresholds
          ? (p.thresholds.style ?? common.GraphThresholdsStyleMode.LineAndArea)
          : common.GraphThresholdsStyleMode.Off
      )
    )
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.PaletteClassic))
    .legend(legend())
    .tooltip(tooltip());
  if (p.bars) {
    panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal).group('A'));
  }
  if (p.thresholds) {
    panel.thresholds(p.thresholds.steps);
  }
  return panel;
}

/**
 * PerfScope's own panels (perfscope-healthscore-panel, -domainoverhead-panel, -sla-panel) and Grafana's alert
 * list have no builder in the SDK: they are built with the SDK's generic panel builder (dashboard.PanelBuilder),
 * their options typed by the panel's own option types (src/panels/<panel>/types.ts) where PerfScope has them.
 */
export function customPanel<Options>(type: string, options: Options): dashboard.PanelBuilder {
  return new dashboard.PanelBuilder().type(type).options(options);
}

/** Grafana's alert list of PerfScope's alerts for the chosen services (their labels call the service `service`). */
export function alertList(p: { id: number; title: string; description: string; gridPos: GridPos; groupBy: string[] }) {
  return customPanel('alertlist', {
    viewMode: 'list',
    groupMode: p.groupBy.length > 0 ? 'custom' : 'default',
    groupBy: p.groupBy,
    maxItems: 30,
    sortOrder: 1,
    dashboardAlerts: false,
    alertName: '',
    alertInstanceLabelFilter: '{perfscope="managed", service=~"$service"}',
    stateFilter: { firing: true, pending: true, noData: true, normal: false, error: true },
    datasource: 'grafana',
  })
    .id(p.id)
    .title(p.title)
    .description(p.description)
    .gridPos(p.gridPos);
}

/** A panel builder whose built panel gets what its builder has no method for (field links, rare options). */
export function patched<P extends object>(builder: cog.Builder<P>, patch: (panel: P) => void): cog.Builder<P> {
  return {
    build: () => {
      const panel = builder.build();
      patch(panel);
      return panel;
    },
  };
}

export interface ValuePanel {
  id: number;
  title: string;
  description: string;
  gridPos: GridPos;
  expr: string;
  legend: string;
  /** Instead of an instant Prometheus query of expr: this target on this datasource. */
  target?: { datasource: typeof PERFSCOPE; query: cog.Builder<cog.Dataquery> };
  unit: string;
  decimals: number;
  steps: dashboard.ThresholdsConfigBuilder;
}

/** A value panel's settings, on either SDK builder (the same methods). */
function valuePanel<B extends stat.PanelBuilder | bargauge.PanelBuilder>(builder: B, p: ValuePanel): B {
  builder
    .id(p.id)
    .title(p.title)
    .description(p.description)
    .gridPos(p.gridPos)
    .datasource(p.target?.datasource ?? PROMETHEUS)
    .withTarget(p.target?.query ?? promTarget('A', p.expr, p.legend, 'instant'))
    .unit(p.unit)
    .decimals(p.decimals)
    .thresholds(p.steps)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds))
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields('').values(false));
  return builder;
}

/** One coloured tile per series: the value of an instant query at the end of the range. */
export function statPanel(p: ValuePanel): stat.PanelBuilder {
  return valuePanel(new stat.PanelBuilder(), p)
    .orientation(common.VizOrientation.Auto)
    .textMode(common.BigValueTextMode.ValueAndName)
    .colorMode(common.BigValueColorMode.Background)
    .graphMode(common.BigValueGraphMode.None)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .wideLayout(true)
    .showPercentChange(false)
    .percentChangeColorMode(common.PercentChangeColorMode.Standard);
}

/** One horizontal coloured bar per series: the value of an instant query at the end of the range. */
export function barsPanel(p: ValuePanel): bargauge.PanelBuilder {
  return valuePanel(new bargauge.PanelBuilder(), p)
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .valueMode(common.BarGaugeValueMode.Color)
    .namePlacement(common.BarGaugeNamePlacement.Auto)
    .showUnfilled(true)
    .sizing(common.BarGaugeSizing.Auto)
    .minVizWidth(8)
    .minVizHeight(16)
    .maxVizHeight(300)
    .legend(legend().showLegend(false));
}

/** Query A on PerfScope's own instrumentation, by the profile's service label; its legend names the service. */
export const ownTarget = (parts: ProfileParts, query: (label: string) => string, legendSuffix = '') =>
  promTarget('A', parts.own(query), `{{${parts.label}}}${legendSuffix}`);
