import { matchesLabelSelector, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  const labels = { app: 'cart', tier: 'web', env: 'prod' };

  it.each([
    ['app=cart', true],
    ['app==cart', true],
    ['app=checkout', false],
    ['tier!=db', true],
    ['tier!=web', false],
    ['env in (prod, staging)', true],
    ['env notin (prod)', false],
    ['app', true],
    ['!legacy', true],
    ['!app', false],
    ['app=cart,env in (prod),!legacy', true],
    ['app=cart,env in (dev)', false],
  ])('%s matches: %s', (selector, expected) => {
    expect(matchesLabelSelector(parseLabelSelector(selector), labels)).toBe(
      expected,
    );
  });

  it('names the part it cannot read', () => {
    expect(() => parseLabelSelector('app=cart,what is this')).toThrow(
      /cannot read 'what is this'/,
    );
  });
});
