import { atOrWorse } from './bands';
import { hasData } from './subscore';

/** What the gate judges: a score and the sub-scores of the key indicators (null: no data). */
export interface GateInput {
  score: number | null;
  keys: Array<{ id: string; subScore: number | null }>;
}

export interface GateRule {
  minScore: number;
  /** Missing data (no score, a key indicator without data) passes instead of failing. */
  allowMissing: boolean;
}

/** Why the gate fails; it passes when `fails` is false. */
export interface GateVerdict {
  fails: boolean;
  noScore: boolean;
  belowMinScore: boolean;
  /** Key indicators in the critical band. */
  criticalKeys: string[];
  /** Key indicators without data (only when missing data is not allowed). */
  missingKeys: string[];
}

/**
 * The gate of `perfscope check`, at one time: it fails when the score is below minScore, when a key indicator
 * is critical, and, unless missing data is allowed, when there is no score or a key indicator has no data.
 */
export function gate(input: GateInput, rule: GateRule): GateVerdict {
  const noScore = !hasData(input.score) && !rule.allowMissing;
  const belowMinScore = hasData(input.score) && input.score < rule.minScore;
  const criticalKeys = input.keys.filter((k) => atOrWorse(k.subScore, 'critical')).map((k) => k.id);
  const missingKeys = rule.allowMissing ? [] : input.keys.filter((k) => !hasData(k.subScore)).map((k) => k.id);
  return {
    fails: noScore || belowMinScore || criticalKeys.length > 0 || missingKeys.length > 0,
    noScore,
    belowMinScore,
    criticalKeys,
    missingKeys,
  };
}
