/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseProfile } from '../profile/validate';
import { toJson } from './evaluate';
import { groupsExpected, portfolioProfile } from './portfolio';

const testdata = join(__dirname, '../../../testdata');
const read = (path: string) => JSON.parse(readFileSync(join(testdata, path), 'utf8'));

describe('the fixture portfolio', () => {
  it('is a valid profile, written as generated (npm run vectors)', () => {
    const written = read('profiles/portfolio.json');
    expect(parseProfile(written).problems).toEqual([]);
    expect(written).toEqual(portfolioProfile());
  });

  it("has the group results the library computes from the scenarios' values (npm run vectors)", () => {
    expect(read('profiles/portfolio-expected.json')).toEqual(toJson(groupsExpected(read('scenarios/expected.json'))));
  });
});
