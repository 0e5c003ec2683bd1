import {
  isArtifactTag,
  isCommitTag,
  isVersionTag,
  newerRelease,
  sortTagsNewestFirst,
} from '../registry/tagOrder';

/** How many of a repository's newest tags a service's image shows. */
export const NEWEST_TAGS_SHOWN = 10;

/**
 * Which listed tags get their digest and details read: the tags in use, the
 * newest versions (what the image shows), the release drift would advise
 * each tag in use to move to, and every tag without a version, which only
 * its creation date can order and which may move at any push (`main`,
 * `stable`, `latest`). Older versions
 * are left out, so a repository with hundreds of releases costs a dozen
 * requests; and a commit tag read before is `kept` as it was, since it does
 * not move, so one with thousands of builds costs one request per new build.
 * Signatures, attestations and SBOMs stored as tags are not images and are
 * not read, unless something runs them.
 */
export function tagsToRead(
  listed: string[],
  inUse: Set<string>,
  readBefore: ReadonlySet<string> = new Set(),
): { read: string[]; kept: string[] } {
  const newestFirst = sortTagsNewestFirst(listed.filter(isVersionTag));
  const wanted = new Set([
    ...newestFirst.slice(0, NEWEST_TAGS_SHOWN),
    // What drift advises moving to, which `v3`, `2` or the newest tags of
    // other variants (`17.2` for `16.4-alpine`) may hide.
    ...[...inUse].flatMap(tag => newerRelease(tag, listed) ?? []),
  ]);
  const read: string[] = [];
  const kept: string[] = [];
  for (const tag of listed) {
    if (inUse.has(tag) || wanted.has(tag)) read.push(tag);
    else if (isVersionTag(tag) || isArtifactTag(tag)) continue;
    else if (isCommitTag(tag) && readBefore.has(tag)) kept.push(tag);
    else read.push(tag);
  }
  return { read, kept };
}
