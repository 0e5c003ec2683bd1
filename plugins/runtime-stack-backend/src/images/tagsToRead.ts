import {
  isReleaseVersionTag,
  isVersionTag,
  sortTagsNewestFirst,
} from '../registry/tagOrder';

/** How many of a repository's newest tags a service's image shows. */
export const NEWEST_TAGS_SHOWN = 10;

/**
 * The listed tags whose digest and details are worth a request: the tags in
 * use, the newest versions (what the image shows and what drift compares
 * with), and every tag without a version, which only its creation date can
 * order and which may move at any push (`main`, `stable`, `latest`). Older
 * versions are left out: a repository with hundreds of releases costs a
 * dozen requests, not hundreds.
 */
export function tagsToRead(listed: string[], inUse: Set<string>): string[] {
  const newestFirst = sortTagsNewestFirst(listed.filter(isVersionTag));
  const wanted = new Set([
    ...newestFirst.slice(0, NEWEST_TAGS_SHOWN),
    // Drift compares with the newest release, which `v3` or `2` may hide.
    ...newestFirst.filter(isReleaseVersionTag).slice(0, 1),
  ]);
  return listed.filter(
    tag => inUse.has(tag) || wanted.has(tag) || !isVersionTag(tag),
  );
}
