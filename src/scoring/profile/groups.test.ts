import { defaultProfile } from './defaults';
import { MAX_GROUPS } from './groups';
import { parseProfile } from './validate';

// The rest of group validation is pinned, with the Go twin, by testdata/vectors/group-validation.json.
describe('profile groups', () => {
  const withGroups = (count: number) => ({
    ...defaultProfile(),
    groups: Array.from({ length: count }, (_, i) => ({
      id: `g${i}`,
      services: ['a'],
      groups: i > 0 ? [`g${i - 1}`] : [],
    })),
  });

  it(`takes ${MAX_GROUPS} groups nested in one chain`, () => {
    const parsed = parseProfile(withGroups(MAX_GROUPS));
    expect(parsed.problems).toEqual([]);
    expect(parsed.profile!.groups).toHaveLength(MAX_GROUPS);
  });

  it(`refuses more than ${MAX_GROUPS} groups, naming how many`, () => {
    expect(parseProfile(withGroups(MAX_GROUPS + 1)).problems).toEqual([
      { path: 'groups', message: 'groups must hold at most 1000 groups, not 1001' },
    ]);
  });
});
