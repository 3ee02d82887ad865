import type { DomainMode, Thresholds } from '../../scoring';
import type { QueryRoleKey } from '../../views/overhead/roles';
import type { ColorBy } from '../healthscore/types';

export { defaultQueries, type QueryRoleKey } from '../../views/overhead/roles';

export interface DomainThresholdOverrides {
  /** Every domain's thresholds, over the app settings' defaults. */
  defaults?: Partial<Thresholds>;
  /** The system total's target, warning and critical (target 4.7 % by default). */
  system?: Partial<Thresholds>;
  /** Per-domain thresholds, over the app settings' overrides. */
  domains?: Record<string, Thresholds>;
}

export interface DomainOverheadOptions {
  /** "" keeps the app settings' mode. */
  mode: DomainMode | '';
  queries: Partial<Record<QueryRoleKey, string>>;
  sortBy: 'overhead' | 'band' | 'name';
  showSystem: boolean;
  showSparklines: boolean;
  colorBy: ColorBy;
  thresholds: DomainThresholdOverrides;
}

export const defaultOptions: DomainOverheadOptions = {
  mode: '',
  queries: {},
  sortBy: 'overhead',
  showSystem: true,
  showSparklines: true,
  colorBy: 'band',
  thresholds: {},
};
