import type { DataFrame } from '@grafana/data';

import type {
  BreachInterval,
  BreachSummary,
  BudgetReport,
  PolicyState,
  Severity,
  SlaReport,
  TierState,
} from '../../../scoring';
import type { LabelledSeries } from '../../../scoring/frames';
import { findTable, type Table } from '../../shared/data/table';
import type { FromRates } from './fromPrometheus';
import type { ServiceSla, SlaView } from './model';

// The frames of the PerfScope datasource's sla and mttr queries (pkg/plugin/query_sla.go, query_mttr.go).
const SLA = 'SLA';
const BUDGET = 'Error budget remaining';

/** Whether the frames come from the PerfScope datasource's SLA query (already computed). */
export const isPerfScopeSla = (frames: DataFrame[]) =>
  frames.some((f) => f.name === SLA && f.fields.some((x) => x.name === 'Availability'));

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

function rowsOf(table: Table | null, service: string): number[] {
  const rows: number[] = [];
  for (let r = 0; table && r < table.length; r++) {
    if (table.string('Service', r) === service) {
      rows.push(r);
    }
  }
  return rows;
}

/** The datasource's breach intervals of one service (seconds in the frames, milliseconds here). */
function breaches(mttr: Table | null, intervals: Table | null, service: string): BreachSummary | null {
  const [row] = rowsOf(mttr, service);
  if (row === undefined) {
    return null;
  }
  const all = rowsOf(intervals, service).map((r) => ({
    interval: {
      start: intervals!.number('Start', r),
      end: intervals!.number('Last sample in breach', r),
      length: intervals!.number('Duration', r) * 1000,
    } as BreachInterval,
    open: intervals!.boolean('Open', r),
  }));
  const mean = orNull(mttr!.number('MTTR', row));
  return {
    resolved: all.filter((b) => !b.open).map((b) => b.interval),
    open: all.find((b) => b.open)?.interval ?? null,
    mttr: mean === null ? null : mean * 1000,
  };
}

/**
 * Reads the SLA the PerfScope datasource computed, with the rates-based parts (history, and a calendar month's
 * burn-down: the datasource's measures one fixed window) from `rates`.
 */
export function slaFromPerfScope(
  frames: DataFrame[],
  series: LabelledSeries[],
  calendarMonth: boolean,
  rates: (service: string) => FromRates
): SlaView {
  const sla = findTable(frames, SLA, ['Service', 'Availability', 'Error budget remaining', 'Latency SLO compliance']);
  const burn = findTable(frames, 'Burn rates', ['Service', 'Window', 'Burn rate']);
  const tiers = findTable(frames, 'Burn-rate tiers', ['Service', 'Tier', 'Factor', 'Firing']);
  const mttr = findTable(frames, 'MTTR', ['Service', 'MTTR']);
  const intervals = findTable(frames, 'Breaches', ['Service', 'Start', 'Duration', 'Open']);
  const policy = findTable(frames, 'Error-budget policy', ['Service', 'Budget spent', 'Policy state']);
  const exhaustion = findTable(frames, 'Budget exhaustion', ['Service', 'Window', 'Burn rate', 'Time to exhaustion']);
  const budgets = new Map(series.filter((s) => s.field.name === BUDGET).map((s) => [s.labels.service ?? '', s]));

  const problems = new Set<string>();
  const services = allServices(sla).map((service): ServiceSla => {
    const [row] = rowsOf(sla, service);
    const report: SlaReport = {
      availability: orNull(sla!.number('Availability', row)),
      budgetRemaining: orNull(sla!.number('Error budget remaining', row)),
      burnRates: Object.fromEntries(
        rowsOf(burn, service).map((r) => [burn!.string('Window', r), orNull(burn!.number('Burn rate', r))])
      ),
      tiers: rowsOf(tiers, service).map((r): TierState => ({
        name: tiers!.string('Tier', r),
        severity: tiers!.string('Severity', r) as Severity,
        factor: tiers!.number('Factor', r),
        longWindow: tiers!.string('Long window', r),
        shortWindow: tiers!.string('Short window', r),
        longBurnRate: orNull(tiers!.number('Long burn rate', r)),
        shortBurnRate: orNull(tiers!.number('Short burn rate', r)),
        firing: tiers!.boolean('Firing', r),
      })),
    };
    const budget = budgets.get(service);
    const fromRates = rates(service);
    if (fromRates.monthly.problem) {
      problems.add(fromRates.monthly.problem);
    }
    return {
      service,
      report,
      latencyCompliance: orNull(sla!.number('Latency SLO compliance', row)),
      burnDown: calendarMonth
        ? fromRates.monthly.burnDown
        : budget
          ? { timestamps: budget.timestamps, values: budget.values }
          : null,
      mttr: breaches(mttr, intervals, service) ?? fromRates.mttr,
      history: fromRates.history,
      budget: budgetOf(policy, exhaustion, service),
    };
  });
  return { source: 'perfscope', problems: [...problems], services };
}

/** The datasource's error-budget policy of one service; null from a datasource without the policy tables. */
function budgetOf(policy: Table | null, exhaustion: Table | null, service: string): BudgetReport | null {
  const [row] = rowsOf(policy, service);
  if (row === undefined) {
    return null;
  }
  return {
    spent: orNull(policy!.number('Budget spent', row)),
    state: policy!.string('Policy state', row) as PolicyState | 'nodata',
    windows: rowsOf(exhaustion, service).map((r) => ({
      window: exhaustion!.string('Window', r),
      burnRate: orNull(exhaustion!.number('Burn rate', r)),
      exhaustionSeconds: orNull(exhaustion!.number('Time to exhaustion', r)),
    })),
  };
}

function allServices(sla: Table | null): string[] {
  const out: string[] = [];
  for (let r = 0; sla && r < sla.length; r++) {
    out.push(sla.string('Service', r));
  }
  return out;
}
