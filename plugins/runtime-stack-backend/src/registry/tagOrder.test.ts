import {
  isCommitTag,
  isVersionTag,
  newerRelease,
  sortTagsNewestFirst,
} from './tagOrder';

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

  it('sorts a short commit hash of digits only by date, not as a huge version', () => {
    expect(isCommitTag('4711234')).toBe(true);
    expect(isVersionTag('4711234')).toBe(false);
    expect(
      sortTagsNewestFirst(['4711234', '1.2.0', '0123456789'], {
        '4711234': '2025-02-01T00:00:00Z',
        '0123456789': '2025-01-01T00:00:00Z',
      }),
    ).toEqual(['1.2.0', '4711234', '0123456789']);
    // Short numbers and numbers too long for a commit stay versions.
    expect(sortTagsNewestFirst(['7', '123456', '1'.repeat(41)])).toEqual([
      '1'.repeat(41),
      '123456',
      '7',
    ]);
  });

  it('does not change its input', () => {
    const tags = ['1.0.0', '2.0.0'];
    sortTagsNewestFirst(tags);
    expect(tags).toEqual(['1.0.0', '2.0.0']);
  });
});

describe('newerRelease', () => {
  // [running, tags, what drift advises]
  const cases: Array<[string, string[], string | undefined]> = [
    ['1.2.3', ['1.2.3', '1.2.4', '1.3.0'], '1.3.0'],
    ['v1.2.3', ['v1.2.3', 'v1.10.0', 'v1.9.0'], 'v1.10.0'],
    ['1.2', ['1.2.0', '1.2'], undefined],
    ['1.2.3', ['1.2.3', '1.2.3.1'], '1.2.3.1'],
    // `v2` and `1` name lines of releases, not a release to run or move to.
    ['v2', ['v3', '2.1.0'], undefined],
    ['1.2.3', ['2', 'v3'], undefined],
    ['latest', ['1.0.0'], undefined],
    ['main-4f2a9c1', ['1.0.0'], undefined],
    // A variant is another build of the same version, not an older one.
    ['1.27.3-alpine', ['1.27.3', '1.27.3-alpine'], undefined],
    ['1.27.3-alpine', ['1.28.0', '1.27.4-alpine', '1.27.5'], '1.27.4-alpine'],
    ['16.4-alpine', ['17.2', '16.6-bookworm', '16.4-alpine'], undefined],
    ['16.4-alpine', ['17.2', '16.6-alpine', '17.2-alpine3.21'], '16.6-alpine'],
    ['1.27.3', ['1.27.4-alpine', '1.27.3'], undefined],
    ['1.2.3-1', ['1.2.4', '1.2.4-1'], '1.2.4-1'],
    // A release is never advised to move to a pre-release.
    ['1.2.3', ['1.3.0-rc.1', '1.2.3'], undefined],
    ['1.2.3', ['1.3.0-rc.1', '1.2.4'], '1.2.4'],
    ['1.2.3', ['2.0.0-beta2', '2.0.0-dev', '2.0.0-alpha.1'], undefined],
    ['1.2.3-alpine', ['1.3.0-rc.1-alpine'], undefined],
    // A pre-release may move on within its version, or to a release.
    [
      '1.3.0-rc.1',
      ['1.3.0-rc.2', '1.3.0-rc.10', '1.3.0-beta.3'],
      '1.3.0-rc.10',
    ],
    ['1.3.0-rc.1', ['1.3.0-rc.2', '1.3.0'], '1.3.0'],
    ['1.3.0-rc.1', ['1.4.0-rc.1'], undefined],
    ['1.3.0-rc.1', ['1.3.0-rc.2-alpine'], undefined],
    [
      '1.3.0-rc.1-alpine',
      ['1.3.0-rc.2-alpine', '1.3.0-rc.3'],
      '1.3.0-rc.2-alpine',
    ],
    ['1.3.0-beta.2', ['1.3.0-alpha.5', '1.3.0-dev.9'], undefined],
    ['1.3.0-beta.2', ['1.3.0-RC1'], '1.3.0-RC1'],
    ['1.3.0-rc.2', ['1.3.0-rc.1', '1.2.9'], undefined],
    // Words that only begin like a pre-release are variants.
    ['1.2.3-devel', ['1.2.4-devel', '1.2.4'], '1.2.4-devel'],
  ];
  it.each(cases)('running %s among %j advises %s', (running, tags, advised) => {
    expect(newerRelease(running, tags)).toBe(advised);
  });
});
