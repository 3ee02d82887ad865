// Writes the shared test data the TypeScript and Go scoring code both check against:
// testdata/profiles/default.json and testdata/vectors/<section>.json. Run with `npm run vectors`.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { defaultProfile } from '../profile/defaults';
import { vectorCases } from './cases';
import { groupsExpected, portfolioProfile } from './portfolio';
import { sections, toJson } from './evaluate';

const root = join(__dirname, '..', '..', '..', 'testdata');

/** Writes JSON through a temporary file so a failed run never leaves half a file. */
function writeJson(path: string, value: unknown) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

writeJson(join(root, 'profiles', 'default.json'), defaultProfile());

let total = 0;
for (const [section, makeCases] of Object.entries(vectorCases)) {
  const { description, evaluate } = sections[section];
  const cases = makeCases().map(({ name, input }) => ({ name, input, expected: toJson(evaluate(input)) }));
  writeJson(join(root, 'vectors', `${section}.json`), { section, description, cases });
  total += cases.length;
}
writeJson(join(root, 'profiles', 'portfolio.json'), portfolioProfile());
const scenarios = JSON.parse(readFileSync(join(root, 'scenarios', 'expected.json'), 'utf8'));
writeJson(join(root, 'profiles', 'portfolio-expected.json'), toJson(groupsExpected(scenarios)));

console.log(`wrote ${total} vector cases to testdata/vectors/`);
