// The PerfScope scoring library: profile, validation and maths. No React and no @grafana/* imports here
// (Grafana data-frame adapters live in ./frames), so the CLI and the Go twin's vectors stay light.
export * from './types';
export * from './duration';
export { defaultProfile, defaultQueries } from './profile/defaults';
export {
  isLabelName,
  parseProfile,
  validateProfile,
  type ParsedProfile,
  type ProfileProblem,
} from './profile/validate';
export { metricNames, promqlSyntaxError, substituteVariables } from './profile/promql';
export {
  escapeForString,
  interpolate,
  unquotedVariables,
  VARIABLE_FORMATS,
  VIEWER_VARIABLES,
  type TemplateVariable,
} from './variables';
export { subScore, subScoreLower, hasData, SUB_SCORE_AT } from './subscore';
export { BAND_FLOORS, bandOf, bandFloor, bandCeiling, atOrWorse, scoreSteps, valueSteps, type BandStep } from './bands';
export { bandAtOrWorse, worseBand } from './bands';
export {
  groupScore,
  groupScores,
  groupServices,
  groupTree,
  newGroup,
  ruleHolds,
  ruleText,
  type GroupMember,
  type GroupResult,
  type GroupRuleResult,
  type ServiceScores,
} from './group';
export { isGroupId } from './profile/groups';
export { objectiveMet, objectiveThreshold, type Objective, type ObjectiveTargets } from './objectives';
export { gate, type GateInput, type GateRule, type GateVerdict } from './gate';
export { errorRatios, monthlyCompliance, monthBurnDown, type MonthCompliance, type MonthBurnDown } from './calendar';
export { healthScore, type HealthScore, type IndicatorScore, type IndicatorValues } from './composite';
export {
  overheadReport,
  shareOverhead,
  systemOverhead,
  baselineOverhead,
  domainThresholds,
  type DomainOverhead,
  type OverheadReport,
} from './overhead';
export {
  slaReport,
  allowedErrorRatio,
  budgetRemaining,
  burnRate,
  tierFactor,
  periodLength,
  periodStart,
  periodWindow,
  availability,
  latencyCompliance,
  type SlaReport,
  type TierState,
  type ErrorRatios,
  type HistogramBucket,
} from './sla';
export {
  budgetReport,
  exhaustionSeconds,
  exhaustionText,
  failsPolicy,
  policyLevel,
  spentState,
  worstPolicyState,
  POLICY_BANDS,
  POLICY_STATES,
  type BudgetReport,
  type BudgetWindow,
  type PolicyState,
} from './budget';
export { breachIntervals, inBreach, type BreachInterval, type BreachSummary } from './mttr';
export {
  alignSeries,
  compileIndicators,
  gridOf,
  MAX_POINTS,
  gridTimestamps,
  scoreColumns,
  scoreSeries,
  seriesStep,
  type CompiledIndicators,
  type Grid,
  type IndicatorInput,
  type ScoredSeries,
  type Series,
} from './series';
export {
  backtest,
  backtestWindows,
  defaultBacktestRateInterval,
  defaultBacktestStep,
  ruleTotals,
  inChunks,
  joinSeries,
  onBacktestGrid,
  rangeChunks,
  type BacktestResult,
  type BacktestRule,
  type BacktestSeries,
  type BacktestWatch,
  type RuleHistory,
  type RuleTotal,
} from './backtest';
