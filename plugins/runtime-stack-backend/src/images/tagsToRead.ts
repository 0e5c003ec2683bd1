import {
  isReleaseVersionTag,
  isVersionTag,
  sortTagsNewestFirst,
} from '../registry/tagOrder';

/** How many of a repository's newest tags a service's image shows. */
export const NEWEST_TAGS_SHOWN = 10;

/**
 * Named after a commit (`4f2a9c1`, `sha-4f2a9c1e`, `main-4f2a9c1`) or a
 * build: such a tag is pushed once, for one build, and not moved after.
 */
export function isCommitTag(tag: string): boolean {
  return /(^|[-_.])[0-9a-f]{7,40}$/.test(tag);
}

/**
 * Which listed tags get their digest and details read: the tags in use, the
 * newest versions (what the image shows and what drift compares with), and
 * every tag without a version, which only its creation date can order and
 * which may move at any push (`main`, `stable`, `latest`). Older versions
 * are left out, so a repository with hundreds of releases costs a dozen
 * requests; and a commit tag read before is `kept` as it was, since it does
 * not move, so one with thousands of builds costs one request per new build.
 */
export function tagsToRead(
  listed: string[],
  inUse: Set<string>,
  readBefore: ReadonlySet<string> = new Set(),
): { read: string[]; kept: string[] } {
  const newestFirst = sortTagsNewestFirst(listed.filter(isVersionTag));
  const wanted = new Set([
    ...newestFirst.slice(0, NEWEST_TAGS_SHOWN),
    // Drift compares with the newest release, which `v3` or `2` may hide.
    ...newestFirst.filter(isReleaseVersionTag).slice(0, 1),
  ]);
  const read: string[] = [];
  const kept: string[] = [];
  for (const tag of listed) {
    if (inUse.has(tag) || wanted.has(tag)) read.push(tag);
    else if (isVersionTag(tag)) continue;
    else if (isCommitTag(tag) && readBefore.has(tag)) kept.push(tag);
    else read.push(tag);
  }
  return { read, kept };
}
