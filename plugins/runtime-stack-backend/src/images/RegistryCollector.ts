import type { LoggerService } from '@backstage/backend-plugin-api';
import { mapWithConcurrency } from '../clusters/concurrency';
import { parseImageReference } from '../registry/imageReference';
import { OciRegistryClient } from '../registry/registryClient';
import { isArtifactTag } from '../registry/tagOrder';
import { addDays } from '../time/days';
import {
  registryFor,
  type ImageSettings,
  type RegistryDefinition,
} from './registryConfig';
import { detailsOf } from './pinnedDigests';
import { pinnedLeads, readPinned, searchPinned } from './pinnedDigestReads';
import type {
  RegistrySnapshotStore,
  StoredDigest,
  StoredTag,
} from './RegistrySnapshotStore';
import { tagsToRead } from './tagsToRead';

/** HEAD requests in flight per repository. */
const TAGS_IN_FLIGHT = 4;

/**
 * Days a repository no service uses keeps its stored tags: an image gone
 * for a while (a rollback, a cluster not answering) comes back to its
 * cached digests, not to a HEAD request per tag.
 */
const UNUSED_KEPT_DAYS = 7;

export interface RegistryCollectionResult {
  repositories: number;
  /** Tags the registries list. */
  tagsListed: number;
  /**
   * Tags stored with their digest: those read (in use, the newest versions,
   * tags without a version) and commit tags read before, kept as they were.
   */
  tags: number;
  /** Of those, tags whose details came from the store: digest unchanged, or a commit tag kept. */
  cacheHits: number;
  /** Digests references pin, stored with what they hold (or that the registry lacks them). */
  pinnedDigests: number;
  requests: number;
  failures: number;
}

interface WantedRepository {
  registry: RegistryDefinition;
  repository: string;
  /** The tags the references name. */
  inUse: Set<string>;
  /** The digests the references pin (`app@sha256:…`, `app:1.2@sha256:…`). */
  pinned: Set<string>;
}

/**
 * Reads the repositories of configured registries that services use: their
 * tags, the digest of each tag worth reading (see `tagsToRead`), the
 * digests references pin with the tags that point to them, and the details
 * of digests not seen before. A digest already in the store is not fetched
 * again, so a second run costs one HEAD per tag read.
 */
export class RegistryCollector {
  private readonly clients = new Map<string, OciRegistryClient>();

  constructor(
    private readonly store: RegistrySnapshotStore,
    private readonly settings: ImageSettings,
    private readonly logger: LoggerService,
  ) {}

  /** The repositories of these image references that may be fetched. */
  repositoriesOf(references: string[]): WantedRepository[] {
    const wanted = new Map<string, WantedRepository>();
    for (const reference of references) {
      let parsed;
      try {
        parsed = parseImageReference(reference);
      } catch {
        continue; // shown as invalid on the service, never fetched
      }
      const registry = registryFor(
        this.settings.registries,
        parsed.registry,
        parsed.repository,
      );
      if (!registry) continue;
      const key = `${registry.host}/${parsed.repository}`;
      const entry = wanted.get(key) ?? {
        registry,
        repository: parsed.repository,
        inUse: new Set<string>(),
        pinned: new Set<string>(),
      };
      if (parsed.tag) entry.inUse.add(parsed.tag);
      if (parsed.digest) entry.pinned.add(parsed.digest);
      wanted.set(key, entry);
    }
    return [...wanted.values()];
  }

  /**
   * Reads the repositories of `references`. An aborted `signal` (the task's
   * timeout, a shutdown) starts no further repository; those read are kept.
   */
  async collect(
    references: string[],
    signal?: AbortSignal,
  ): Promise<RegistryCollectionResult> {
    const startedAt = new Date();
    const repositories = this.repositoriesOf(references);
    const requestsBefore = this.requestCount();
    const results = await mapWithConcurrency(
      repositories,
      this.settings.concurrency,
      wanted => {
        signal?.throwIfAborted();
        return this.refresh(wanted, signal);
      },
    );
    const summary = {
      repositories: repositories.length,
      tagsListed: results.reduce((n, r) => n + r.tagsListed, 0),
      tags: results.reduce((n, r) => n + r.tags, 0),
      cacheHits: results.reduce((n, r) => n + r.cacheHits, 0),
      pinnedDigests: results.reduce((n, r) => n + r.pinnedDigests, 0),
      requests: this.requestCount() - requestsBefore,
      failures: results.filter(r => r.failed).length,
    };
    this.logger.info(
      `Read ${summary.repositories} repositories (${summary.tagsListed} tags listed, ${summary.tags} with their digest, ${summary.cacheHits} of those from the store, ${summary.pinnedDigests} pinned digests, ${summary.requests} requests, ${summary.failures} failed)`,
    );
    await this.removeUnused(repositories, startedAt);
    return summary;
  }

  /**
   * After a run that went through every repository in use (an aborted one
   * throws before), those outside it go once unused for long enough; with
   * no registry configured, every one does. A failure costs the pruning
   * only, not the run's result and the coverage evaluation that follows it.
   */
  async removeUnused(inUse: WantedRepository[], startedAt: Date) {
    try {
      const removed = await this.store.removeUnused(
        inUse.map(w => ({
          registry: w.registry.host,
          repository: w.repository,
        })),
        addDays(startedAt, -UNUSED_KEPT_DAYS),
      );
      if (removed > 0) {
        this.logger.info(
          `Removed the stored tags of ${removed} repositories unused for ${UNUSED_KEPT_DAYS} days`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `Removing the stored tags of unused repositories failed: ${
          (error as Error).message
        }`,
      );
    }
  }

  private requestCount() {
    return [...this.clients.values()].reduce((n, c) => n + c.requestCount, 0);
  }

  private clientFor(registry: RegistryDefinition): OciRegistryClient {
    let client = this.clients.get(registry.host);
    if (!client) {
      // A configured url points at a mirror of the host the images name.
      const endpoint = registry.url ? new URL(registry.url) : undefined;
      client = new OciRegistryClient({
        host: endpoint?.host ?? registry.host,
        insecure: endpoint ? endpoint.protocol === 'http:' : registry.insecure,
        auth: {
          username: registry.username,
          password: registry.password,
          token: registry.token,
        },
        requestTimeoutMs: this.settings.requestTimeoutMs,
      });
      this.clients.set(registry.host, client);
    }
    return client;
  }

  private async describe(
    client: OciRegistryClient,
    repository: string,
    digest: string,
  ): Promise<StoredTag> {
    const details = await client.describeImage(repository, digest);
    return {
      tag: '',
      digest,
      ...(details.created ? { created: details.created } : {}),
      ...(details.source ? { source: details.source } : {}),
      ...(details.revision ? { revision: details.revision } : {}),
      ...(details.version ? { version: details.version } : {}),
    };
  }

  /**
   * Reads one repository's tags and pinned digests. An aborted `signal`
   * starts no further tag, and leaves the repository as stored: the run
   * was cut short, the registry did not fail. Once its tags are read, the
   * search for pinned digests is saved as far as it got, aborted or not.
   */
  private async refresh(
    { registry, repository, inUse, pinned }: WantedRepository,
    signal?: AbortSignal,
  ) {
    const client = this.clientFor(registry);
    const startedAt = new Date();
    try {
      const before = await this.store.get(registry.host, repository);
      const cached = new Map((before?.tags ?? []).map(t => [t.tag, t]));
      const cachedByDigest = new Map(
        [...cached.values()].map(t => [t.digest, t]),
      );
      const list = await client.readTagList(repository);
      const listedByRegistry = new Set(list.tags);
      // Tags often share a digest (latest and the newest version), and a
      // pinned digest is often a tag's: each is described once per run.
      const described = new Map<string, Promise<StoredTag>>();
      const describeOnce = (digest: string) => {
        if (!described.has(digest)) {
          described.set(digest, this.describe(client, repository, digest));
        }
        return described.get(digest)!;
      };
      const knownPinned = new Map<string, StoredDigest>(
        [...cachedByDigest.values()].map(t => [t.digest, detailsOf(t)]),
      );
      for (const p of before?.pinned ?? []) {
        // One the registry lacked may have been pushed since: asked again.
        if (!p.notFound) knownPinned.set(p.digest, p);
      }
      const reading = {
        client,
        repository,
        inFlight: TAGS_IN_FLIGHT,
        signal,
      };
      const pinnedRead = await readPinned(
        reading,
        pinned,
        knownPinned,
        describeOnce,
      );
      const wanted = new Set([
        ...inUse,
        ...pinnedLeads(pinnedRead, cached.values(), listedByRegistry),
      ]);
      // A list cut short may leave out tags in use: they are asked for by
      // name, and the tags read before that it leaves out are kept.
      const listed = list.incomplete
        ? [...new Set([...list.tags, ...wanted])]
        : list.tags;
      const { read: tags, kept } = tagsToRead(
        listed,
        wanted,
        new Set(cached.keys()),
      );
      let cacheHits = kept.length;
      const read = await mapWithConcurrency(tags, TAGS_IN_FLIGHT, async tag => {
        signal?.throwIfAborted();
        const digest = await client.resolveDigest(repository, tag);
        if (!digest) return undefined; // deleted between the list and the HEAD
        const known = cached.get(tag);
        if (known?.digest === digest) {
          cacheHits++;
          return known;
        }
        // A tag moved to a digest another tag already had: same image.
        const sameImage = cachedByDigest.get(digest);
        if (sameImage) {
          cacheHits++;
          return { ...sameImage, tag };
        }
        return { ...(await describeOnce(digest)), tag };
      });
      const found = read.filter((t): t is StoredTag => t !== undefined);
      const stored = [...found, ...kept.map(tag => cached.get(tag)!)];
      if (list.incomplete) {
        const seen = new Set(listed);
        stored.push(...[...cached.values()].filter(t => !seen.has(t.tag)));
        this.logger.warn(
          `Reading ${registry.host}/${repository}: ${list.incomplete}; the tags in use were asked for by name and those read before are kept`,
        );
      }
      // A pinned digest no tag read points to may be an older release's:
      // searched for among the rest, once, over as many runs as it takes.
      // A failure there is the search's: the tags read are saved anyway.
      const unmatched = pinnedRead.filter(
        p =>
          !p.notFound &&
          !p.searched &&
          !stored.some(t => t.digest === p.digest),
      );
      const progress = new Map<string, StoredDigest>();
      if (unmatched.length > 0) {
        const alreadyRead = new Set(stored.map(t => t.tag));
        const search = await searchPinned(
          reading,
          unmatched,
          list.tags.filter(t => !alreadyRead.has(t) && !isArtifactTag(t)),
        );
        stored.push(...search.found);
        for (const p of search.pinned) progress.set(p.digest, p);
        const where = `${registry.host}/${repository}`;
        const left = `${search.left} ${
          search.left === 1 ? 'tag is' : 'tags are'
        } left for the next run`;
        if (search.problem && !signal?.aborted) {
          this.logger.warn(
            `Searching ${where} for pinned digests no tag read points to did not finish, its tags are kept: ${search.problem}; ${left}`,
          );
        } else if (search.left > 0) {
          this.logger.info(
            `Searched ${search.checked} tags of ${where} for pinned digests no tag read points to; ${left}`,
          );
        }
      }
      const storedTags = new Set(stored.map(t => t.tag));
      await this.store.saveTags(
        registry.host,
        repository,
        stored,
        startedAt,
        // A tag asked for by name is listed only if the registry has it.
        listed.filter(tag => listedByRegistry.has(tag) || storedTags.has(tag)),
        list.incomplete &&
          `Not every tag was listed: ${list.incomplete}. The tags in use were asked for by name.`,
        pinnedRead.map(p => {
          if (progress.has(p.digest)) return progress.get(p.digest)!;
          // Found by a tag read: what its search had checked is of no use.
          const { checkedTags: _checkedTags, ...rest } = p;
          return rest;
        }),
      );
      // Cut short while searching: saved as far as it got, and still cut short.
      signal?.throwIfAborted();
      return {
        tagsListed: listed.length,
        tags: stored.length,
        cacheHits,
        pinnedDigests: pinnedRead.length,
        failed: false,
      };
    } catch (error) {
      if (signal?.aborted) throw error;
      const message = (error as Error).message;
      await this.store.recordFailure(
        registry.host,
        repository,
        message,
        startedAt,
      );
      this.logger.warn(
        `Reading ${registry.host}/${repository} failed, keeping its last tags: ${message}`,
      );
      return {
        tagsListed: 0,
        tags: 0,
        cacheHits: 0,
        pinnedDigests: 0,
        failed: true,
      };
    }
  }
}
