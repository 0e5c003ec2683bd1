import type { RuntimeStackApi } from '../../api';

/** Teams are read page by page; a scorecard of more pages than this is cut. */
const MAX_TEAM_PAGES = 20;

/** Every team of the scorecard, sorted, reading further pages as needed. */
export async function loadScorecardTeams(
  api: RuntimeStackApi,
): Promise<string[]> {
  const teams: string[] = [];
  let page = await api.getTeamScorecard();
  teams.push(...page.items.map(i => i.team));
  for (
    let pages = 1;
    pages < MAX_TEAM_PAGES &&
    page.items.length > 0 &&
    page.offset + page.items.length < page.totalCount;
    pages++
  ) {
    page = await api.getTeamScorecard({
      offset: page.offset + page.items.length,
      limit: page.limit,
    });
    teams.push(...page.items.map(i => i.team));
  }
  return Array.from(new Set(teams)).sort();
}
