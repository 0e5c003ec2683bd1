import { visiblePage } from './visiblePage';

describe('visiblePage', () => {
  it('counts out the items hidden on the page', () => {
    expect(
      visiblePage({ items: ['a', 'b', 'c'], totalCount: 3, limit: 50 }, ['b']),
    ).toEqual({ items: ['b'], totalCount: 1, limit: 50 });
  });

  it('leaves a page without a count (a cursor page) without one', () => {
    expect(visiblePage({ items: ['a', 'b'] }, ['a'])).toEqual({ items: ['a'] });
  });
});
