import { mapWithConcurrency } from '../clusters/concurrency';
import type { OciRegistryClient } from '../registry/registryClient';
import { RegistryRequestError } from '../registry/RegistryRequestError';
import { detailsOf, untaggedEntry, versionTagsOf } from './pinnedDigests';
import type { StoredDigest, StoredTag } from './RegistrySnapshotStore';

/** One repository being read, and how many requests it may have in flight. */
export interface RepositoryRead {
  client: OciRegistryClient;
  repository: string;
  inFlight: number;
  /** Aborted: no further request is started. */
  signal?: AbortSignal;
}

/**
 * What each pinned digest holds: from the store when read before (a
 * digest's content never changes) or when a tag stored has it, else read
 * by digest. A digest the registry lacks is kept as such rather than
 * failing the repository: that it is gone is worth showing.
 */
export async function readPinned(
  { inFlight, signal }: RepositoryRead,
  pinned: Set<string>,
  known: ReadonlyMap<string, StoredDigest>,
  describeOnce: (digest: string) => Promise<StoredTag>,
): Promise<StoredDigest[]> {
  return mapWithConcurrency([...pinned], inFlight, async digest => {
    signal?.throwIfAborted();
    const stored = known.get(digest);
    if (stored) return stored;
    try {
      return detailsOf(await describeOnce(digest));
    } catch (error) {
      if (error instanceof RegistryRequestError && error.status === 404) {
        return { digest, notFound: true };
      }
      throw error;
    }
  });
}

/**
 * The tags that may point to a pinned digest: those that did at the last
 * read, and those its version label names that the registry lists. They
 * are read as if in use, so the release drift advises is read too.
 */
export function pinnedLeads(
  pinned: StoredDigest[],
  cached: Iterable<StoredTag>,
  listed: ReadonlySet<string>,
): string[] {
  const digests = new Set(pinned.map(p => p.digest));
  return [
    ...[...cached].filter(t => digests.has(t.digest)).map(t => t.tag),
    ...pinned.flatMap(p =>
      versionTagsOf(p.version).filter(tag => listed.has(tag)),
    ),
  ];
}

/**
 * The tags among `unread` that point to one of `pinned`, found by a HEAD
 * each: when no tag read does, the pinned image may still be an older
 * release's, which is left unread otherwise. Commit tags are all stored
 * once read, so what is left is mostly older versions; and each digest is
 * searched for once while it stays pinned.
 */
export async function searchPinned(
  { client, repository, inFlight, signal }: RepositoryRead,
  pinned: StoredDigest[],
  unread: string[],
): Promise<StoredTag[]> {
  const byDigest = new Map(pinned.map(p => [p.digest, p]));
  const found = await mapWithConcurrency(unread, inFlight, async tag => {
    signal?.throwIfAborted();
    const digest = await client.resolveDigest(repository, tag);
    const image = digest ? byDigest.get(digest) : undefined;
    return image ? { ...untaggedEntry(image), tag } : undefined;
  });
  return found.filter((t): t is StoredTag => t !== undefined);
}
