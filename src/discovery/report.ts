import type { Discovery } from './discover';

/** How many services the coverage report lists one by one; the profile covers them all. */
export const LISTED_SERVICES = 20;

const shown = (v: number) => (Math.abs(v) >= 1000 || v === 0 ? v.toFixed(0) : Number(v.toPrecision(4)).toString());

/** The coverage report as text: what was recognised, and per service and indicator the value now or why none. */
export function discoveryReport(d: Discovery): string[] {
  const lines: string[] = [];
  lines.push(`HTTP metrics: ${d.http ?? 'none recognised'}`);
  lines.push(`CPU and memory: ${d.resources ?? 'none recognised'}`);
  if (d.serviceLabel) {
    lines.push(`services: ${d.services.length} named by the label "${d.serviceLabel}"`);
  }
  if (d.unlabelledSeries > 0) {
    lines.push(
      `left out: ${d.unlabelledSeries} series of ${d.latency?.metric ?? 'the HTTP metric'} have no "${d.serviceLabel}" label (they are in no service's score)`
    );
  }
  if (d.latency) {
    const s = (b: number) => `${b} s`;
    const fit = {
      exact: `on the bucket bound ${s(d.latency.bounds[0])}`,
      interpolated: `between the bucket bounds ${d.latency.bounds.map(s).join(' and ')}: compliance is interpolated linearly, as histogram_quantile does`,
      'below-bound': `above the last bucket bound: compliance is measured at ${s(d.latency.bounds[0])}`,
    }[d.latency.fit];
    lines.push(
      `latency SLO threshold: ${fit} (${d.latency.metric} is in ${d.latency.unit === 'ms' ? 'milliseconds, scored in seconds' : 'seconds'})`
    );
  }
  lines.push('presets:');
  for (const c of d.candidates) {
    lines.push(`  ${c.fits ? 'fits' : 'no  '}  ${c.preset.padEnd(20)} ${c.why}`);
  }
  const ids = Object.keys(d.fields);
  const services = d.services.slice(0, LISTED_SERVICES);
  if (services.length > 0) {
    lines.push(`coverage now (value, or - when none):`);
    const width = Math.max(7, ...services.map((s) => s.length));
    lines.push(`  ${'service'.padEnd(width)}  ${ids.map((id) => id.padStart(12)).join(' ')}`);
    for (const s of services) {
      const cells = ids.map((id) => {
        const v = d.coverage[s]?.[id]?.value;
        return (v === null || v === undefined ? '-' : shown(v)).padStart(12);
      });
      lines.push(`  ${s.padEnd(width)}  ${cells.join(' ')}`);
    }
    if (d.services.length > services.length) {
      lines.push(`  ... and ${d.services.length - services.length} more services (the profile covers every one)`);
    }
    for (const id of ids) {
      const lacking = d.services.filter((s) => d.coverage[s]?.[id]?.value === null);
      if (lacking.length > 0) {
        const who =
          lacking.length === d.services.length ? 'every service' : `${lacking.length} of ${d.services.length} services`;
        lines.push(`missing: ${id} (${d.fields[id]}) for ${who}: ${d.coverage[lacking[0]][id].reason}`);
      }
    }
  }
  for (const note of d.notes) {
    lines.push(`note: ${note}`);
  }
  return lines;
}
