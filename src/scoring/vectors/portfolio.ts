// The fixture portfolio: the default profile plus groups of the five fixture services, with N-of-M rules each
// just met or just missed, and what the library makes of them from testdata/scenarios/expected.json. Written
// by `npm run vectors` to testdata/profiles/portfolio.json and testdata/profiles/portfolio-expected.json.
import { healthScore } from '../composite';
import { groupScores, groupServices, newGroup } from '../group';
import { defaultProfile } from '../profile/defaults';
import type { Profile } from '../types';

/**
 * Under the default profile: healthy and domain-overhead ok (100), degraded info (85), budget-burn info (81.25),
 * incident critical (10). So one member is critical, one is warning or worse, three are info or worse.
 */
export function portfolioProfile(): Profile {
  return {
    ...defaultProfile(),
    groups: [
      newGroup('platform', {
        name: 'Platform',
        services: ['healthy', 'degraded', 'incident', 'budget-burn', 'domain-overhead'],
        rules: [
          { band: 'critical', members: 'critical', atLeast: 2 }, // 1 critical: just missed
          { band: 'warning', members: 'critical', atLeast: 1 }, // just met
          { band: 'warning', members: 'warning', morePercent: 19 }, // 1 of 5 is 20 %: just met
          { band: 'critical', members: 'warning', morePercent: 20 }, // 20 % is not more than 20 %: just missed
          { band: 'info', members: 'info', atLeast: 3 }, // 3 info or worse: just met
          { band: 'critical', members: 'info', atLeast: 4 }, // just missed
        ],
      }),
      newGroup('payments', {
        name: 'Payments',
        services: ['budget-burn', 'degraded'],
        weights: { 'budget-burn': 3 },
        keyMembers: ['budget-burn'],
        rules: [
          { band: 'warning', members: 'info', atLeast: 2 }, // both info: just met
          { band: 'critical', members: 'warning', atLeast: 1 }, // none warning: just missed
        ],
      }),
      newGroup('checkout', {
        name: 'Checkout',
        services: ['healthy', 'incident'],
        groups: ['payments'],
        keyMembers: ['payments'],
        rules: [
          // incident (critical) and payments (warning by its rule, though its score is info): just met
          { band: 'critical', members: 'warning', atLeast: 2 },
          { band: 'critical', members: 'warning', atLeast: 3 }, // just missed
        ],
      }),
      newGroup('archive', { name: 'Archive', services: ['legacy-billing'] }),
    ],
  };
}

interface ScenarioValues {
  scenarios: Record<string, { service: string; values: { indicators: Record<string, number> } }>;
}

/** Each group's result from the fixture services' exact values (expected.json), as the expectations file. */
export function groupsExpected(expected: ScenarioValues) {
  const profile = portfolioProfile();
  const services = Object.fromEntries(
    Object.values(expected.scenarios).map((s) => [s.service, healthScore(profile, s.values.indicators)])
  );
  const results = groupScores(
    profile.groups,
    Object.fromEntries(Object.entries(services).map(([name, h]) => [name, h.score]))
  );
  return {
    comment:
      'Written by `npm run vectors` (src/scoring/vectors/portfolio.ts) from testdata/profiles/portfolio.json and testdata/scenarios/expected.json; do not edit.',
    profile: 'testdata/profiles/portfolio.json',
    services: Object.fromEntries(Object.entries(services).map(([name, h]) => [name, { score: h.score, band: h.band }])),
    groups: Object.fromEntries(
      profile.groups.map((g) => {
        const r = results[g.id];
        return [
          g.id,
          {
            name: r.name,
            score: r.score,
            band: r.band,
            cappedBy: r.cappedBy,
            rulesHeld: r.rules.flatMap((rule, i) => (rule.held ? [i] : [])),
            rules: r.rules,
            members: r.members.map(({ kind, id, score, band }) => ({ kind, id, score, band })),
            noData: r.noData,
            services: groupServices(profile.groups, g.id),
          },
        ];
      })
    ),
  };
}
