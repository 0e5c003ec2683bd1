import { teamsToShow } from './teamsToShow';

describe('teamsToShow', () => {
  it('keeps the groups, in the order of their refs whatever order they come in', () => {
    const refs = [
      'group:ops/platform',
      'user:default/guest',
      'group:default/team-b',
      'Group:default/team-a',
    ];
    const expected = ['default/team-a', 'default/team-b', 'ops/platform'];
    for (const order of [refs, [...refs].reverse()]) {
      const { shown, more } = teamsToShow(order);
      expect(shown.map(t => `${t.namespace}/${t.name}`)).toEqual(expected);
      expect(more).toBe(0);
    }
  });

  it('shows the first teams up to the limit and counts the rest', () => {
    const { shown, more } = teamsToShow(
      ['group:default/c', 'group:default/a', 'group:default/b'],
      2,
    );
    expect(shown.map(t => t.name)).toEqual(['a', 'b']);
    expect(more).toBe(1);
  });

  it('counts a team listed twice once', () => {
    const { shown } = teamsToShow(['group:default/a', 'group:default/a']);
    expect(shown).toHaveLength(1);
  });
});
