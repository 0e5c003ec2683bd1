import type { RuntimeStackApi } from '../../api';

/** The largest page the backend serves: 300 teams take one request. */
const TEAMS_PER_PAGE = 500;
/** Teams are read page by page; a scorecard of more pages than this is cut. */
const MAX_TEAM_PAGES = 20;
/** The Trends and Services tabs both list the teams: one read serves both. */
const REUSE_MS = 60_000;

const loaded = new WeakMap<
  RuntimeStackApi,
  { until: number; teams: Promise<string[]> }
>();

async function readScorecardTeams(api: RuntimeStackApi): Promise<string[]> {
  const teams: string[] = [];
  let page = await api.getTeamScorecard({ limit: TEAMS_PER_PAGE });
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

/**
 * Every team of the scorecard, sorted, reading further pages as needed; a
 * read from the last minute is reused, and a failed one is not.
 */
export function loadScorecardTeams(api: RuntimeStackApi): Promise<string[]> {
  const now = Date.now();
  const held = loaded.get(api);
  if (held && held.until > now) return held.teams;
  const teams = readScorecardTeams(api);
  loaded.set(api, { until: now + REUSE_MS, teams });
  teams.catch(() => {
    if (loaded.get(api)?.teams === teams) loaded.delete(api);
  });
  return teams;
}
