import { hasFilters, NO_FILTERS, toServiceScoreQuery } from './serviceQuery';

describe('toServiceScoreQuery', () => {
  it('leaves out empty filters', () => {
    expect(toServiceScoreQuery(NO_FILTERS)).toEqual({});
    expect(
      JSON.parse(JSON.stringify(toServiceScoreQuery({ ...NO_FILTERS }))),
    ).toEqual({});
  });

  it('sends every filter, the team as a Group ref, with sort and page', () => {
    expect(
      toServiceScoreQuery(
        {
          team: 'team-payments',
          system: ' payments ',
          lifecycle: 'production',
          profile: 'tier-1',
          layer: '0',
          status: 'missing',
          search: 'api',
        },
        { sort: 'ratio', order: 'asc' },
        { limit: 25, offset: 50 },
      ),
    ).toEqual({
      team: 'group:default/team-payments',
      system: 'payments',
      lifecycle: 'production',
      profile: 'tier-1',
      layer: 0,
      status: 'missing',
      search: 'api',
      sort: 'ratio',
      order: 'asc',
      limit: 25,
      offset: 50,
    });
  });

  it('drops a status without a layer', () => {
    const query = toServiceScoreQuery({ ...NO_FILTERS, status: 'missing' });
    expect(query.status).toBeUndefined();
    expect(query.layer).toBeUndefined();
  });
});

describe('hasFilters', () => {
  it('is true only when a filter has text', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, search: '  ' })).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, layer: '0' })).toBe(true);
  });
});
