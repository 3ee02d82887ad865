import { objectiveMet, type Band } from '../scoring';
import type { ServiceReport } from './report';

const COLOURS: Record<Band, string> = { ok: '32', info: '36', warning: '33', critical: '31', nodata: '90' };
const ANSI = /\x1b\[[0-9;]*m/g;

type Paint = (text: string, band: Band) => string;

const visibleLength = (text: string) => text.replace(ANSI, '').length;

/** Rows as aligned columns, two spaces apart; the first row is the header. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => visibleLength(r[c] ?? ''))));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c] - visibleLength(cell))))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

/** A number in a short readable form (full precision is in --json). */
export function num(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '-';
  }
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 10 ** -digits) ? v.toPrecision(3) : v.toFixed(digits);
}

/** A value in its unit: seconds as ms below 1 s, percent with %, request rates with req/s. */
export function withUnit(v: number | null, unit: string): string {
  if (v === null) {
    return 'no data';
  }
  switch (unit) {
    case 's':
      return Math.abs(v) < 1 ? `${num(v * 1000, 1)} ms` : `${num(v, 3)} s`;
    case 'percent':
      return `${num(v, 2)} %`;
    case 'reqps':
      return `${num(v, 2)} req/s`;
    default:
      return unit ? `${num(v, 3)} ${unit}` : num(v, 3);
  }
}

export function renderReport(r: ServiceReport, colour: boolean): string {
  const paint: Paint = (text, band) => (colour ? `\x1b[${COLOURS[band]}m${text}\x1b[0m` : text);
  const bold = (text: string) => (colour ? `\x1b[1m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const title = r.service === undefined ? 'health score' : `service ${r.service}: health score`;
  const cap = r.cappedBy ? `  (capped by key indicator ${r.cappedBy})` : '';
  lines.push(`${bold(title)} ${paint(`${num(r.score, 1)} ${r.band}`, r.band)}${cap}`, '');

  lines.push(
    table([
      ['indicator', 'value', 'sub-score', 'band', 'weight', 'points lost'],
      ...r.indicators.map((i) => [
        `${i.id}${i.key ? ' *' : ''}`,
        withUnit(i.value, i.unit),
        num(i.subScore, 1),
        paint(i.band, i.band),
        num(i.weight, 2),
        num(i.pointsLost, 2),
      ]),
    ]),
    '* key indicator: the score is capped at its sub-score'
  );

  if (r.domains.length > 0) {
    lines.push(
      '',
      table([
        ['domain', 'overhead', 'band'],
        ...r.domains.map((d) => [d.name, withUnit(d.overhead, 'percent'), paint(d.band, d.band)]),
        ['system (sum)', withUnit(r.system.overhead, 'percent'), paint(r.system.band, r.system.band)],
      ])
    );
  }

  const s = r.sla;
  const budget = s.budgetRemaining === null ? 'no data' : `${num(100 * s.budgetRemaining, 1)} %`;
  lines.push(
    '',
    `SLA ${s.target} % over ${s.period}: availability ${withUnit(s.availability, 'percent')}, error budget left ${budget}`
  );
  if (s.latencyCompliance !== undefined) {
    const compliance = s.latencyCompliance === null ? 'no data' : `${num(100 * s.latencyCompliance, 2)} %`;
    const met = objectiveMet('latency', s.latencyCompliance, { latencyTarget: s.latencyTarget });
    const verdict = met === null ? '' : met ? ', met' : ', missed';
    lines.push(`latency SLO compliance ${compliance} (target ${s.latencyTarget} %${verdict})`);
  }
  if (s.tiers.length > 0) {
    lines.push(
      table([
        ['burn-rate tier', 'windows', 'burn rates', 'factor', 'severity', 'firing'],
        ...s.tiers.map((t) => [
          t.name,
          `${t.longWindow} / ${t.shortWindow}`,
          `${num(s.burnRates[t.longWindow])} / ${num(s.burnRates[t.shortWindow])}`,
          num(t.factor),
          t.severity,
          t.firing ? paint('FIRING', t.severity === 'info' ? 'info' : t.severity) : 'no',
        ]),
      ])
    );
  }
  return lines.join('\n');
}
