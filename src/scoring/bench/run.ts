// `npm run bench`: scores 1,000 services x 10,000 timestamps x 6 indicators (aligned, with gaps) and compares
// the rate with a bare loop that maps the same Float64Array points through the sub-score function.
import { defaultProfile } from '../profile/defaults';
import { compileIndicators, scoreSeries, type Grid, type Series } from '../series';
import { subScoreLower } from '../subscore';

const SERVICES = 1000;
const POINTS = 10_000;
const POOL = 40; // distinct services' data, reused round-robin (40 x 6 x 10,000 doubles = 19 MB, beyond the caches)
const RUNS = 7;

const profile = defaultProfile();
profile.indicators.forEach((i) => (i.enabled = true)); // all six, throughput included
const compiled = compileIndicators(profile);
const grid: Grid = { start: 1_700_000_000_000, step: 15_000, length: POINTS };

// Deterministic series like real metrics: each indicator a random walk that wanders through all its bands
// (from better than target to past critical), with about 2 % of the points missing (NaN).
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const columns: Float64Array[][] = Array.from({ length: POOL }, () =>
  profile.indicators.map((ind) => {
    const col = new Float64Array(POINTS);
    const span = Math.abs(ind.critical - ind.target) * 1.5;
    const worse = ind.direction === 'lower' ? 1 : -1;
    let x = random();
    for (let k = 0; k < POINTS; k++) {
      x = Math.min(1, Math.max(0, x + (random() - 0.5) * 0.02));
      col[k] = random() < 0.02 ? NaN : ind.target + worse * (x - 0.3) * span;
    }
    return col;
  })
);
// The same data as query results: timestamps with the gaps left out.
const series: Series[][] = columns.slice(0, 4).map((cols) =>
  cols.map((col) => {
    const keep = Array.from(col.keys()).filter((k) => !Number.isNaN(col[k]));
    return { timestamps: keep.map((k) => grid.start + k * grid.step), values: keep.map((k) => col[k]) };
  })
);

const ids = compiled.ids;
const points = SERVICES * POINTS * ids.length;
let sink = 0;

// Scores go into one reused array, as the floor's sub-scores do.
const scores = new Float64Array(POINTS);

function scoreAligned() {
  for (let s = 0; s < SERVICES; s++) {
    const cols = columns[s % POOL];
    const inputs: Record<string, Float64Array> = {};
    ids.forEach((id, i) => (inputs[id] = cols[i]));
    sink += scoreSeries(compiled, grid, inputs, { out: scores }).score[POINTS - 1] || 0;
  }
}

function scoreFromSeries() {
  for (let s = 0; s < SERVICES; s++) {
    const cols = series[s % series.length];
    const inputs: Record<string, Series> = {};
    ids.forEach((id, i) => (inputs[id] = cols[i]));
    sink += scoreSeries(compiled, grid, inputs, { out: scores }).score[POINTS - 1] || 0;
  }
}

// The floor: nothing but the sub-score function over the same points, into a reused output array.
const out = new Float64Array(POINTS);
function bareLoop() {
  for (let s = 0; s < SERVICES; s++) {
    const cols = columns[s % POOL];
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i];
      const t = compiled.target[i];
      const w = compiled.warning[i];
      const c = compiled.critical[i];
      const sign = compiled.sign[i];
      for (let k = 0; k < POINTS; k++) {
        out[k] = subScoreLower(sign * col[k], t, w, c);
      }
    }
    sink += out[POINTS - 1] || 0;
  }
}

/** Points per second of one run, by this process's CPU time (steadier than wall time on a busy machine). */
function rate(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return points / ((used.user + used.system) / 1e6);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const millions = (r: number) => `${(r / 1e6).toFixed(1)} M points/s`;

// Floor and library runs alternate, so a busy machine slows both alike; the ratio is the median of the
// per-run ratios.
[bareLoop, scoreAligned, scoreFromSeries].forEach((run) => run()); // warm-up
const floors: number[] = [];
const aligneds: number[] = [];
const ratios: number[] = [];
for (let r = 0; r < RUNS; r++) {
  floors.push(rate(bareLoop));
  aligneds.push(rate(scoreAligned));
  ratios.push(floors[r] / aligneds[r]);
}
const fromSeries = median(Array.from({ length: 3 }, () => rate(scoreFromSeries)));
const floor = median(floors);
const aligned = median(aligneds);
const ratio = median(ratios);

console.log(
  `perfscope scoring bench: ${SERVICES} services x ${POINTS} timestamps x ${ids.length} indicators = ${points / 1e6} M points (${RUNS} runs, median, per CPU second), node ${process.version}`
);
console.log(`  bare sub-score loop (floor)         ${millions(floor)}`);
console.log(
  `  scoreSeries, aligned columns        ${millions(aligned)}   ratio to floor ${ratio.toFixed(2)} (target <= 2)`
);
console.log(`  scoreSeries, series with gaps       ${millions(fromSeries)}   (aligning each series to the grid first)`);
const ok = ratio <= 2 && aligned >= 50e6;
console.log(`  ${ok ? 'PASS' : 'MISS'}: target >= 50 M points/s and ratio <= 2 (checksum ${sink.toFixed(0)})`);
