import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { Recording, RecordingName } from './recordings';

const dir = join(__dirname, '../../testdata/frames');

/** Reads a recording of testdata/frames/ (Node only: unit and component tests). */
export function loadRecording(name: RecordingName): Recording {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
}

const scenarioDir = join(__dirname, '../../testdata/scenarios');

/** What one fixture scenario must produce (its file's "expect"), by scenario (= service) name. */
export function loadScenarios(): Record<string, Record<string, any>> {
  const out: Record<string, Record<string, any>> = {};
  for (const file of readdirSync(scenarioDir).filter((f) => f.endsWith('.json') && f !== 'expected.json')) {
    const scenario = JSON.parse(readFileSync(join(scenarioDir, file), 'utf8'));
    out[scenario.service] = scenario.expect;
  }
  return out;
}

/** testdata/scenarios/expected.json: the values the fixture Prometheus serves for each scenario. */
export function loadExpected(): { evalUnix: number; scenarios: Record<string, { values: Record<string, any> }> } {
  return JSON.parse(readFileSync(join(scenarioDir, 'expected.json'), 'utf8'));
}
