// Writes the shared test data the TypeScript and Go scoring code both check against:
// testdata/profiles/default.json and testdata/vectors/*.json. Run with `npm run vectors`.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { defaultProfile } from '..';

const root = join(__dirname, '..', '..', '..', 'testdata');

/** Writes JSON through a temporary file so a failed run never leaves half a file. */
function writeJson(path: string, value: unknown) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

writeJson(join(root, 'profiles', 'default.json'), defaultProfile());
