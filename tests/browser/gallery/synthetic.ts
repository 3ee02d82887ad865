// Synthetic data for the render benchmark: many services, many domains, an hour at one point a minute.
import { dateTime, FieldType, LoadingState, toDataFrame, type DataFrame, type PanelData } from '@grafana/data';

const POINTS = 61;
const STEP = 60e3;
const END = Date.UTC(2026, 0, 31);

function series(refId: string, labels: Record<string, string>, value: (t: number) => number): DataFrame {
  const times = Array.from({ length: POINTS }, (_, i) => END - (POINTS - 1 - i) * STEP);
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: times, config: { interval: STEP } },
      { name: 'Value', type: FieldType.number, labels, values: times.map((_, i) => value(i)) },
    ],
  });
}

const range = () => {
  const from = dateTime(END - (POINTS - 1) * STEP);
  const to = dateTime(END);
  return { from, to, raw: { from, to } };
};

/** Five indicator queries for `services` services, each service a little worse than the one before. */
export function syntheticHealth(services: number): PanelData {
  const frames: DataFrame[] = [];
  for (let s = 0; s < services; s++) {
    const service = `service-${String(s).padStart(3, '0')}`;
    const worse = s / services;
    frames.push(
      series('latency_p95', { service }, (i) => 0.1 + worse + 0.05 * Math.sin(i / 5)),
      series('error_rate', { service }, (i) => 0.05 + worse * (i % 7 === 0 ? 2 : 1)),
      series('cpu', { service }, (i) => 50 + 45 * worse + (i % 3)),
      series('memory', { service }, () => 60 + 35 * worse),
      series('availability', { service }, () => 99.99 - worse)
    );
  }
  return { state: LoadingState.Done, series: frames, timeRange: range() };
}

/** Time in each of `domains` domains and the total request time of one service. */
export function syntheticOverhead(domains: number): PanelData {
  const frames: DataFrame[] = [series('total_time', { service: 'checkout' }, () => 100)];
  for (let d = 0; d < domains; d++) {
    const domain = `domain_${String(d).padStart(3, '0')}`;
    frames.push(series('domain_time', { service: 'checkout', domain }, (i) => (d % 9) * 0.6 + 0.01 * (i % 10)));
  }
  return { state: LoadingState.Done, series: frames, timeRange: range() };
}
