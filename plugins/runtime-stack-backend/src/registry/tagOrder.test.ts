import { sortTagsNewestFirst } from './tagOrder';

describe('sortTagsNewestFirst', () => {
  it('orders versions highest first, numerically', () => {
    expect(
      sortTagsNewestFirst(['1.9.0', '1.10.0', '1.2.10', '1.2.9', '2', '0.1']),
    ).toEqual(['2', '1.10.0', '1.9.0', '1.2.10', '1.2.9', '0.1']);
  });

  it('accepts a v prefix and puts a pre-release below its release', () => {
    expect(
      sortTagsNewestFirst([
        'v1.3.0-rc.1',
        'v1.2.0',
        '1.3.0',
        '1.3.0-rc.2',
        '1.3.0-beta',
        '1.3.0-rc.10',
      ]),
    ).toEqual([
      '1.3.0',
      '1.3.0-rc.10',
      '1.3.0-rc.2',
      'v1.3.0-rc.1',
      '1.3.0-beta',
      'v1.2.0',
    ]);
  });

  it('orders numeric pre-release identifiers below alphanumeric ones', () => {
    expect(
      sortTagsNewestFirst(['1.0.0-1', '1.0.0-alpha', '1.0.0-alpha.1']),
    ).toEqual(['1.0.0-alpha.1', '1.0.0-alpha', '1.0.0-1']);
  });

  it('keeps equal versions in their given order', () => {
    expect(sortTagsNewestFirst(['1.2', 'v1.2.0', '1.2.0'])).toEqual([
      '1.2',
      'v1.2.0',
      '1.2.0',
    ]);
  });

  it('puts other tags after versions, by creation date when known', () => {
    expect(
      sortTagsNewestFirst(
        ['latest', 'main-abc', 'main-def', 'nightly', '1.0.0', 'feature-x'],
        {
          'main-abc': '2025-01-01T00:00:00Z',
          'main-def': '2025-03-01T00:00:00Z',
          latest: '2099-01-01T00:00:00Z',
          'feature-x': 'not a date',
        },
      ),
    ).toEqual([
      '1.0.0',
      'main-def',
      'main-abc',
      'latest',
      'nightly',
      'feature-x',
    ]);
  });

  it('does not change its input', () => {
    const tags = ['1.0.0', '2.0.0'];
    sortTagsNewestFirst(tags);
    expect(tags).toEqual(['1.0.0', '2.0.0']);
  });
});
