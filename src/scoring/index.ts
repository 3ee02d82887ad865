// The PerfScope scoring library: profile, validation and maths. No React and no @grafana/* imports here
// (Grafana data-frame adapters live in ./frames), so the CLI and the Go twin's vectors stay light.
export * from './types';
export * from './duration';
export { defaultProfile, defaultQueries } from './profile/defaults';
export { metricPresets, applyPreset, type MetricPreset } from './profile/presets';
export { parseProfile, validateProfile, type ParsedProfile, type ProfileProblem } from './profile/validate';
export { promqlSyntaxError, substituteVariables } from './profile/promql';
