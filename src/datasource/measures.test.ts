/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MEASURES } from './measures';

// The backend's measures (pkg/models/measures.go) are these: both sides check the same golden file.
it('offers the measures of the backend, defaults first', () => {
  const golden = JSON.parse(readFileSync(join(__dirname, '../../pkg/plugin/testdata/measures.golden.json'), 'utf8'));
  const values = Object.fromEntries(Object.entries(MEASURES).map(([type, list]) => [type, list.map((m) => m.value)]));
  expect(values).toEqual(golden);
});
