import type { RegistryTag } from '@internal/backstage-plugin-runtime-stack-common';
import { sortTagsNewestFirst } from '../registry/tagOrder';
import type { StoredDigest } from './RegistrySnapshotStore';

/**
 * The tag a pinned digest is, of the tags read that point to it now: the
 * most specific version (`1.2.3` before `1.2` and `1`, which name the same
 * image), else a branch or commit tag, `latest` last. Undefined when none
 * points to it.
 */
export function tagOfDigest(
  tags: RegistryTag[] | undefined,
  digest: string,
): RegistryTag | undefined {
  const pointing = (tags ?? []).filter(t => t.digest === digest);
  const [first] = sortTagsNewestFirst(pointing.map(t => t.tag));
  return pointing.find(t => t.tag === first);
}

/**
 * The tags an image's `org.opencontainers.image.version` may have been
 * pushed as, with and without a `v`. The label may come from a base image,
 * so a tag it names is only a lead, checked against the digest.
 */
export function versionTagsOf(version: string | undefined): string[] {
  if (!version) return [];
  const bare = version.replace(/^v(?=\d)/, '');
  return [...new Set([version, bare, `v${bare}`])];
}

/** The tag read that the pinned image's version label names, if any. */
export function versionTagOf(
  tags: RegistryTag[] | undefined,
  pinned: StoredDigest,
): RegistryTag | undefined {
  const names = versionTagsOf(pinned.version);
  return (tags ?? []).find(t => names.includes(t.tag));
}

/** What a tag's image holds, as a pinned digest's entry. */
export function detailsOf({
  tag: _tag,
  ...details
}: RegistryTag): StoredDigest {
  return details;
}

/**
 * A pinned digest no tag points to, as the API shows an entry of the
 * registry: with an empty tag, and its own build date, source and revision.
 */
export function untaggedEntry({
  notFound: _notFound,
  searched: _searched,
  checkedTags: _checkedTags,
  ...details
}: StoredDigest): RegistryTag {
  return { tag: '', ...details };
}
