import type { RuntimeStackApi } from '../../api';
import { loadScorecardTeams } from './scorecardTeams';

function apiWithTeams(total: number, failFirst = false) {
  let failed = !failFirst;
  const getTeamScorecard = jest.fn(
    async ({ offset = 0, limit = 50 }: { offset?: number; limit?: number }) => {
      if (!failed) {
        failed = true;
        throw new Error('backend restarting');
      }
      const items = Array.from(
        { length: Math.max(0, Math.min(limit, total - offset)) },
        (_, i) => ({
          team: `group:default/team-${String(offset + i).padStart(4, '0')}`,
        }),
      );
      return { items, totalCount: total, offset, limit };
    },
  );
  return {
    api: { getTeamScorecard } as unknown as RuntimeStackApi,
    getTeamScorecard,
  };
}

describe('loadScorecardTeams', () => {
  it('reads 300 teams in one request of the largest page', async () => {
    const { api, getTeamScorecard } = apiWithTeams(300);
    const teams = await loadScorecardTeams(api);
    expect(teams).toHaveLength(300);
    expect(getTeamScorecard).toHaveBeenCalledTimes(1);
    expect(getTeamScorecard).toHaveBeenCalledWith({ limit: 500 });
  });

  it('reads further pages of a larger scorecard', async () => {
    const { api, getTeamScorecard } = apiWithTeams(1200);
    expect(await loadScorecardTeams(api)).toHaveLength(1200);
    expect(getTeamScorecard).toHaveBeenCalledTimes(3);
  });

  it('serves a second tab from the first read, but reads again after a failure', async () => {
    const { api, getTeamScorecard } = apiWithTeams(10, true);
    await expect(loadScorecardTeams(api)).rejects.toThrow('backend restarting');
    const [first, second] = await Promise.all([
      loadScorecardTeams(api),
      loadScorecardTeams(api),
    ]);
    expect(second).toBe(first);
    expect(getTeamScorecard).toHaveBeenCalledTimes(2);
  });
});
