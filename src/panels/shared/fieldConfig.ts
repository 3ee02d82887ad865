import { FieldColorModeId, ThresholdsMode, type ThresholdsConfig } from '@grafana/data';

/** A 0-100 score's bands as standard thresholds: what "Field config" colouring starts from. */
export const scoreThresholds: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'red' },
    { value: 50, color: 'orange' },
    { value: 70, color: 'blue' },
    { value: 90, color: 'green' },
  ],
};

export const thresholdsColor = { mode: FieldColorModeId.Thresholds };
