import { mapWithConcurrency } from '../clusters/concurrency';
import { isValidTag } from '../registry/imageReference';
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

/** HEAD requests one run spends searching a repository for pinned digests. */
export const SEARCH_HEADS_PER_RUN = 50;

/** Tags whose HEAD failed after which a repository's search stops for the run. */
const SEARCH_FAILURES_PER_RUN = 3;

/** What one run of the search for pinned digests found, and how far it got. */
export interface PinnedSearch {
  /** The tags found to point to a pinned digest. */
  found: StoredTag[];
  /**
   * The digests searched for, each `searched` once every tag was checked
   * for it (or one found pointing to it), else with the tags checked so
   * far, which the next run does not check again.
   */
  pinned: StoredDigest[];
  /** HEAD requests sent, and tags left for a later run. */
  checked: number;
  left: number;
  /** Why the search stopped short of the tags it meant to check, if it did. */
  problem?: string;
}

/**
 * The tags among `listed` (those not read) that point to one of `pinned`, found by a HEAD
 * each: when no tag read does, the pinned image may still be an older
 * release's, which is left unread otherwise. Commit tags are all stored
 * once read, so what is left is mostly older versions; and each digest is
 * searched for once while it stays pinned.
 *
 * Best effort, over as many runs as it takes: at most `limit` HEADs a run,
 * and a tag whose HEAD fails is left for the next run rather than failing
 * the repository, whose tags in use matter more than an old release's.
 * The search stops for the run at a 429 the client gave up waiting out
 * (the registry asks for less, not for the next tag), after a few failed
 * tags, or when `signal` aborts; the tags checked are kept either way.
 */
export async function searchPinned(
  { client, repository, inFlight, signal }: RepositoryRead,
  pinned: StoredDigest[],
  listed: string[],
  limit = SEARCH_HEADS_PER_RUN,
): Promise<PinnedSearch> {
  // A tag no request can name is no tag to search.
  const unread = listed.filter(isValidTag);
  const byDigest = new Map(pinned.map(p => [p.digest, p]));
  const checkedFor = new Map(
    pinned.map(p => [p.digest, new Set(p.checkedTags ?? [])]),
  );
  const toCheck = unread.filter(tag =>
    pinned.some(p => !checkedFor.get(p.digest)!.has(tag)),
  );
  const failures: string[] = [];
  let stopped: string | undefined;
  let checked = 0;
  const found = await mapWithConcurrency(
    toCheck.slice(0, limit),
    inFlight,
    async tag => {
      if (stopped || signal?.aborted) return undefined;
      checked++;
      let digest: string | undefined;
      try {
        digest = await client.resolveDigest(repository, tag);
      } catch (error) {
        const message = (error as Error).message;
        failures.push(message);
        if (error instanceof RegistryRequestError && error.status === 429) {
          stopped ??= `the registry asks for fewer requests (${message})`;
        } else if (failures.length >= SEARCH_FAILURES_PER_RUN) {
          stopped ??= `${failures.length} tags failed, the first with: ${failures[0]}`;
        }
        return undefined;
      }
      // Checked for every digest at once: one HEAD tells a tag's digest.
      for (const tags of checkedFor.values()) tags.add(tag);
      const image = digest ? byDigest.get(digest) : undefined;
      return image ? { ...untaggedEntry(image), tag } : undefined;
    },
  );
  const tags = found.filter((t): t is StoredTag => t !== undefined);
  const foundDigests = new Set(tags.map(t => t.digest));
  const unreadTags = new Set(unread);
  const leftTags = new Set<string>();
  const progress = pinned.map(
    ({ checkedTags: _checkedTags, searched: _searched, ...p }) => {
      const done = checkedFor.get(p.digest)!;
      const notChecked = unread.filter(tag => !done.has(tag));
      if (foundDigests.has(p.digest) || notChecked.length === 0) {
        return { ...p, searched: true };
      }
      for (const tag of notChecked) leftTags.add(tag);
      // Tags no longer among those to search need no remembering.
      const kept = [...done].filter(tag => unreadTags.has(tag));
      return { ...p, ...(kept.length > 0 ? { checkedTags: kept } : {}) };
    },
  );
  const problem =
    stopped ??
    (failures.length > 0
      ? `${failures.length} ${failures.length === 1 ? 'tag' : 'tags'} failed: ${
          failures[0]
        }`
      : undefined) ??
    (signal?.aborted ? 'the run was stopped' : undefined);
  return {
    found: tags,
    pinned: progress,
    checked,
    left: leftTags.size,
    ...(problem ? { problem } : {}),
  };
}
