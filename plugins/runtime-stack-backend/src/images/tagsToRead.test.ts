import { NEWEST_TAGS_SHOWN, tagsToRead } from './tagsToRead';

const releases = (count: number) =>
  Array.from({ length: count }, (_, i) => `2.${i}.0`);

describe('tagsToRead', () => {
  it('reads the newest versions and leaves older ones listed only', () => {
    const listed = releases(40);
    const read = tagsToRead(listed, new Set());
    expect(read).toHaveLength(NEWEST_TAGS_SHOWN);
    expect(read).toContain('2.39.0');
    expect(read).toContain('2.30.0');
    expect(read).not.toContain('2.29.0');
  });

  it('reads a tag in use however old, once the registry lists it', () => {
    const read = tagsToRead(releases(40), new Set(['2.3.0', '9.9.9']));
    expect(read).toContain('2.3.0');
    expect(read).not.toContain('9.9.9');
    expect(read).toHaveLength(NEWEST_TAGS_SHOWN + 1);
  });

  it('reads every tag without a version, since only a date orders it', () => {
    const branches = ['latest', 'main', 'stable', 'sha-4f2a9c1'];
    expect(tagsToRead([...releases(30), ...branches], new Set())).toEqual([
      ...releases(30).slice(20),
      ...branches,
    ]);
  });

  it('reads the newest release even when major-only tags fill the newest', () => {
    const majors = Array.from({ length: 12 }, (_, i) => `v${i + 3}`);
    const read = tagsToRead([...majors, '2.4.1', '2.4.0'], new Set());
    expect(read).toContain('v14');
    expect(read).toContain('2.4.1');
    expect(read).not.toContain('2.4.0');
  });

  it('keeps the order the registry listed the tags in', () => {
    const listed = ['1.0.0', 'main', '3.0.0', '2.0.0'];
    expect(tagsToRead(listed, new Set())).toEqual(listed);
  });
});
