import { FieldColorModeId, ThresholdsMode, type ThresholdsConfig } from '@grafana/data';

import { bandColorName } from '../../components/bands';
import { scoreSteps } from '../../scoring';

/** A 0-100 score's bands as standard thresholds: what "Field config" colouring starts from. */
export const scoreThresholds: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: scoreSteps().map((s) => ({ value: s.from, color: bandColorName[s.band] })),
};

export const thresholdsColor = { mode: FieldColorModeId.Thresholds };
