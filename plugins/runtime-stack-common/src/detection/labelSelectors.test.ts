import {
  describeSelectedLabels,
  describeSelector,
  labelSelectorMatches,
} from './labelSelectors';

const labels = { app: 'checkout', tier: 'web', team: 'payments' };

describe('labelSelectorMatches', () => {
  it.each([
    [{ matchLabels: { app: 'checkout' } }, true],
    [{ matchLabels: { app: 'checkout', tier: 'db' } }, false],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['web', 'api'] },
        ],
      },
      true,
    ],
    [
      {
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }],
      },
      false,
    ],
    [{ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }] }, true],
    [
      { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] },
      false,
    ],
    [{}, true],
    [undefined, false],
  ])('%j selects the labels: %s', (selector, expected) => {
    expect(labelSelectorMatches(selector, labels)).toBe(expected);
  });
});

describe('describeSelector', () => {
  it('writes kubectl syntax', () => {
    expect(
      describeSelector({
        matchLabels: { app: 'checkout' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['web', 'api'] },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=checkout,tier in (web,api),!legacy');
    expect(describeSelector({})).toBe('(everything)');
  });

  it('shows only the labels a selector looked at', () => {
    expect(
      describeSelectedLabels({ matchLabels: { app: 'checkout' } }, labels),
    ).toBe('app=checkout');
  });
});
