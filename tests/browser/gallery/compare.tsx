// The gallery's review page (?gallery&compare): each PerfScope panel beside Grafana's stock visualisation of
// the same numbers, at the same size: the health scores as Stat values, the domains' overheads as Bar gauges,
// the SLA panel's queries as Stat values. For a person to compare, not for the tests.
import React from 'react';
import {
  FieldType,
  getDisplayProcessor,
  ThresholdsMode,
  VizOrientation,
  type FieldConfig,
  type GrafanaTheme2,
  type PanelData,
} from '@grafana/data';
import {
  BarGauge,
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  VizRepeater,
  type VizRepeaterRenderValueProps,
} from '@grafana/ui';
import { BarGaugeDisplayMode } from '@grafana/schema';

import { BAND_FLOORS, defaultProfile, type Thresholds } from '../../../src/scoring';
import { numericSeries } from '../../../src/scoring/frames';
import { healthFromSeries } from '../../../src/views/health/fromPrometheus';
import { overheadFromSeries } from '../../../src/views/overhead/fromPrometheus';
import { defaultQueries } from '../../../src/views/overhead/roles';

interface Item {
  name: string;
  value: number | null;
  config: FieldConfig;
}

/** The score bands as Grafana thresholds: the library's floors, in the bands' colours. */
const bandSteps = () => {
  const color = { ok: 'green', info: 'blue', warning: 'orange', critical: 'red' } as const;
  return [...BAND_FLOORS].reverse().map((b) => ({ value: b.floor, color: color[b.band] }));
};

/** A domain's thresholds as Grafana's (lower is better: green, then blue past the target, and so on). */
const overheadSteps = (t: Thresholds) => [
  { value: -Infinity, color: 'green' },
  { value: t.target, color: 'blue' },
  { value: t.warning, color: 'orange' },
  { value: t.critical, color: 'red' },
];

function displayOf(item: Item, theme: GrafanaTheme2) {
  const field = { name: item.name, type: FieldType.number, config: item.config, values: [item.value] };
  const display = getDisplayProcessor({ field, theme });
  return { ...display(item.value), title: item.name };
}

type Render = (p: VizRepeaterRenderValueProps<Item>) => React.JSX.Element;

/** Values repeated as Grafana's Stat (a grid, auto orientation) and Bar gauge (a bar per row) panels repeat them. */
function Repeat(p: { items: Item[]; width: number; height: number; grid: boolean; render: Render }) {
  return (
    <VizRepeater
      source={p.items}
      getValues={() => p.items}
      renderCounter={0}
      width={p.width}
      height={p.height}
      orientation={p.grid ? VizOrientation.Auto : VizOrientation.Horizontal}
      autoGrid={p.grid}
      minVizWidth={75}
      minVizHeight={75}
      itemSpacing={8}
      renderValue={p.render}
    />
  );
}

/** Values as Grafana's Stat panel shows several: BigValue, coloured by thresholds. */
function StatRepeater({
  items,
  width,
  height,
  theme,
}: {
  items: Item[];
  width: number;
  height: number;
  theme: GrafanaTheme2;
}) {
  const render: Render = ({ value, width: w, height: h }) => (
    <BigValue
      theme={theme}
      width={w}
      height={h}
      value={displayOf(value, theme)}
      colorMode={BigValueColorMode.Value}
      graphMode={BigValueGraphMode.None}
    />
  );
  return <Repeat items={items} width={width} height={height} grid render={render} />;
}

/** Stock Stat values in a repeater, as Grafana's Stat panel shows several values (auto orientation, grid). */
export function StockStat({ data, width, height, theme }: Stock) {
  const view = healthFromSeries(numericSeries(data.series, data.timeRange.to.valueOf()), defaultProfile(), {
    indicatorQueries: {},
    groupBy: 'service',
  });
  const items: Item[] = view.groups.map((g) => ({
    name: g.name,
    value: g.health.score,
    config: { decimals: 0, thresholds: { mode: ThresholdsMode.Absolute, steps: bandSteps() } },
  }));
  return <StatRepeater items={items} width={width} height={height} theme={theme} />;
}

/** Stock Bar gauges, one per domain of the first service, as Grafana's Bar gauge panel shows them. */
export function StockBarGauge({ data, width, height, theme }: Stock) {
  const view = overheadFromSeries(
    numericSeries(data.series, data.timeRange.to.valueOf()),
    defaultProfile().domains,
    defaultQueries
  );
  const service = view.services[0];
  const items: Item[] = service
    ? [...service.domains, service.system].map((r) => ({
        name: r.name,
        value: r.overhead,
        config: {
          unit: 'percent',
          decimals: 2,
          min: 0,
          thresholds: { mode: ThresholdsMode.Absolute, steps: overheadSteps(r.thresholds) },
        },
      }))
    : [];
  const render: Render = ({ value, width: w, height: h, orientation }) => (
    <BarGauge
      theme={theme}
      width={w}
      height={h}
      field={{ ...value.config, max: 20 }}
      value={displayOf(value, theme)}
      orientation={orientation}
      displayMode={BarGaugeDisplayMode.Gradient}
      isOverflow={false}
    />
  );
  return <Repeat items={items} width={width} height={height} grid={false} render={render} />;
}

/**
 * Stock Stat values of the SLA panel's queries, each series' last value (what a user gets by pointing Stat at
 * them). Grafana's Table would be the other choice; in this host page its scroll container does not load.
 */
export function StockQueries({ data, width, height, theme }: Stock) {
  const items: Item[] = numericSeries(data.series, data.timeRange.to.valueOf()).map((s) => {
    const last = s.values.length > 0 ? s.values[s.values.length - 1] : NaN;
    const labels = Object.entries(s.labels)
      .filter(([k]) => k !== '__name__' && k !== 'service')
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return {
      name: labels ? `${s.refId} ${labels}` : s.refId,
      value: Number.isNaN(last) ? null : last,
      config: { decimals: 4 },
    };
  });
  return <StatRepeater items={items} width={width} height={height} theme={theme} />;
}

interface Stock {
  data: PanelData;
  width: number;
  height: number;
  theme: GrafanaTheme2;
}

/** Which stock visualisation each compared case stands beside. */
export const compared: Record<string, { name: string; Stock: (p: Stock) => React.ReactElement }> = {
  'health-grid': { name: 'Stat', Stock: StockStat },
  'overhead-service': { name: 'Bar gauge', Stock: StockBarGauge },
  'sla-incident': { name: 'Stat of its queries', Stock: StockQueries },
};
