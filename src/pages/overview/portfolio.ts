import { groupScores, groupServices, ruleText, type Band, type Profile } from '../../scoring';
import type { GroupHealth } from '../../views/health/model';

/** One group of the profile on the Overview page: its score and band, the rules that held, its services. */
export interface PortfolioTile {
  id: string;
  name: string;
  score: number | null;
  band: Band;
  /** The rules that held, in words, in profile order. */
  rulesHeld: string[];
  /** Members without data (counted by every rule). */
  noData: string[];
  /** The services it drills down to, nested groups' included. */
  services: string[];
}

/** The profile's groups rolled up by the library from the services' latest health scores. */
export function portfolioFrom(profile: Profile, services: GroupHealth[]): PortfolioTile[] {
  const scores = Object.fromEntries(services.map((s) => [s.name, s.health.score]));
  const results = groupScores(profile.groups, scores);
  return profile.groups.map((g) => {
    const r = results[g.id];
    return {
      id: g.id,
      name: r.name,
      score: r.score,
      band: r.band,
      rulesHeld: r.rules.filter((rule) => rule.held).map(ruleText),
      noData: r.noData,
      services: groupServices(profile.groups, g.id),
    };
  });
}
