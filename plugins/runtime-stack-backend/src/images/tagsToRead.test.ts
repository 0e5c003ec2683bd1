import { isArtifactTag, isCommitTag } from '../registry/tagOrder';
import { NEWEST_TAGS_SHOWN, tagsToRead } from './tagsToRead';

const read = (listed: string[], inUse: string[] = [], before: string[] = []) =>
  tagsToRead(listed, new Set(inUse), new Set(before)).read;

const releases = (count: number) =>
  Array.from({ length: count }, (_, i) => `2.${i}.0`);

describe('tagsToRead', () => {
  it('reads the newest versions and leaves older ones listed only', () => {
    const listed = releases(40);
    const chosen = read(listed);
    expect(chosen).toHaveLength(NEWEST_TAGS_SHOWN);
    expect(chosen).toContain('2.39.0');
    expect(chosen).toContain('2.30.0');
    expect(chosen).not.toContain('2.29.0');
  });

  it('reads a tag in use however old, once the registry lists it', () => {
    const chosen = read(releases(40), ['2.3.0', '9.9.9']);
    expect(chosen).toContain('2.3.0');
    expect(chosen).not.toContain('9.9.9');
    expect(chosen).toHaveLength(NEWEST_TAGS_SHOWN + 1);
  });

  it('reads every tag without a version, since only a date orders it', () => {
    const branches = ['latest', 'main', 'stable', 'sha-4f2a9c1'];
    expect(read([...releases(30), ...branches])).toEqual([
      ...releases(30).slice(20),
      ...branches,
    ]);
  });

  it('reads the release drift advises even when major-only tags fill the newest', () => {
    const majors = Array.from({ length: 12 }, (_, i) => `v${i + 3}`);
    const chosen = read([...majors, '2.4.1', '2.4.0', '2.3.0'], ['2.3.0']);
    expect(chosen).toContain('v14');
    expect(chosen).toContain('2.4.1');
    expect(chosen).not.toContain('2.4.0');
  });

  it('reads the newest release of the variant in use, which other variants hide', () => {
    const versions = Array.from({ length: 12 }, (_, i) => `17.${i}`);
    const listed = [
      ...versions,
      ...versions.map(v => `${v}-bookworm`),
      '16.4-alpine',
      '16.5-alpine',
      '16.6-alpine',
    ];
    const chosen = read(listed, ['16.4-alpine']);
    expect(chosen).toContain('16.4-alpine');
    expect(chosen).toContain('16.6-alpine');
    expect(chosen).not.toContain('16.5-alpine');
  });

  it('keeps the order the registry listed the tags in', () => {
    const listed = ['1.0.0', 'main', '3.0.0', '2.0.0'];
    expect(read(listed)).toEqual(listed);
  });

  it('keeps a commit tag read before without asking again, unless it is in use', () => {
    const listed = [
      'sha-4f2a9c1',
      'main-88be0d2',
      '1f0c3a9e5b7d',
      'main',
      'latest',
    ];
    const before = ['sha-4f2a9c1', 'main-88be0d2', 'main', 'latest'];
    expect(tagsToRead(listed, new Set(), new Set(before))).toEqual({
      // New builds, and the branch tags that move at every push.
      read: ['1f0c3a9e5b7d', 'main', 'latest'],
      kept: ['sha-4f2a9c1', 'main-88be0d2'],
    });
    expect(
      tagsToRead(listed, new Set(['sha-4f2a9c1']), new Set(before)).kept,
    ).toEqual(['main-88be0d2']);
  });

  it('reads no signature, attestation or SBOM stored as a tag, unless something runs it', () => {
    const digest = 'sha256-'.concat('ab12'.repeat(16));
    const listed = [
      'main-88be0d2',
      `${digest}.sig`,
      `${digest}.att`,
      `${digest}.sbom`,
      digest,
      'latest',
    ];
    expect(tagsToRead(listed, new Set(), new Set(listed))).toEqual({
      read: ['latest'],
      kept: ['main-88be0d2'],
    });
    expect(read(listed, [digest], [])).toEqual([
      'main-88be0d2',
      digest,
      'latest',
    ]);
    expect(isArtifactTag(`${digest}.sig`)).toBe(true);
    expect(isArtifactTag('sha256-ab12')).toBe(false);
    expect(isArtifactTag('sha-4f2a9c1e')).toBe(false);
  });

  it('tells commit and build tags from branch and version tags', () => {
    for (const tag of [
      '4f2a9c1',
      '4711234',
      'sha-4f2a9c1e',
      'main-4f2a9c1',
      'git.0a1b2c3d4e5f',
    ]) {
      expect(isCommitTag(tag)).toBe(true);
    }
    for (const tag of [
      'main',
      'latest',
      'stable',
      'feature-x',
      'abc123',
      'release-candidate',
    ]) {
      expect(isCommitTag(tag)).toBe(false);
    }
  });
});
