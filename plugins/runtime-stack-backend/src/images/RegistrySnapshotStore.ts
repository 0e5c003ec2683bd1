import type { RegistryTag } from '@internal/backstage-plugin-runtime-stack-common';
import type { Knex } from 'knex';
import { chunksOf } from '../database/chunksOf';

/** One tag of a repository as last read from its registry. */
export type StoredTag = RegistryTag;

/**
 * A digest an image reference in use pins, as read by that digest: no tag
 * need point to it any more. Its content never changes, so it is read once.
 */
export interface StoredDigest extends Omit<RegistryTag, 'tag'> {
  /** The registry holds no manifest by that digest: deleted, or never pushed there. */
  notFound?: boolean;
  /**
   * Every tag listed was checked for it once, when none read pointed to
   * it: it is not checked for again while it stays pinned.
   */
  searched?: boolean;
  /**
   * While that search is not done (it spans runs, and a tag that failed is
   * asked again): the tags checked for it so far, not checked again.
   */
  checkedTags?: string[];
}

export interface StoredRepository {
  registry: string;
  repository: string;
  checkedAt?: string;
  attemptedAt?: string;
  lastError?: string;
  /** The tags whose digest was read. */
  tags: StoredTag[];
  /** Every tag the registry lists; absent when stored before it was kept. */
  listedTags?: string[];
  /** The digests references in use pin; absent when stored before they were kept. */
  pinned?: StoredDigest[];
}

type Row = {
  registry: string;
  repository: string;
  checked_at: Date | string | null;
  attempted_at: Date | string | null;
  last_error: string | null;
  tags: string;
  listed_tags: string | null;
  pinned_digests: string | null;
};

const iso = (value: Date | string | null) =>
  value ? new Date(value).toISOString() : undefined;

const toRepository = (row: Row): StoredRepository => ({
  registry: row.registry,
  repository: row.repository,
  ...(row.checked_at ? { checkedAt: iso(row.checked_at) } : {}),
  ...(row.attempted_at ? { attemptedAt: iso(row.attempted_at) } : {}),
  ...(row.last_error ? { lastError: row.last_error } : {}),
  tags: JSON.parse(row.tags),
  ...(row.listed_tags ? { listedTags: JSON.parse(row.listed_tags) } : {}),
  ...(row.pinned_digests ? { pinned: JSON.parse(row.pinned_digests) } : {}),
});

/**
 * The tags of every fetched repository. A failed read keeps the last good
 * tags and records the error.
 */
export class RegistrySnapshotStore {
  constructor(private readonly knex: Knex) {}

  async get(
    registry: string,
    repository: string,
  ): Promise<StoredRepository | undefined> {
    const row = await this.knex<Row>('registry_repositories')
      .where({ registry, repository })
      .first();
    return row ? toRepository(row) : undefined;
  }

  async getMany(
    keys: Array<{ registry: string; repository: string }>,
  ): Promise<StoredRepository[]> {
    if (keys.length === 0) return [];
    const rows: Row[] = await this.knex<Row>('registry_repositories').where(
      q => {
        for (const key of keys) q.orWhere(key);
      },
    );
    return rows.map(toRepository);
  }

  /**
   * `tags`: those whose digest was read; `listed`: every tag the registry
   * lists; `problem`: why the read is only partly right, kept as the
   * repository's error although its tags are saved; `pinned`: the digests
   * references in use pin, as read by digest.
   */
  async saveTags(
    registry: string,
    repository: string,
    tags: StoredTag[],
    at: Date,
    listed: string[] = tags.map(t => t.tag),
    problem?: string,
    pinned: StoredDigest[] = [],
  ): Promise<void> {
    await this.knex('registry_repositories')
      .insert({
        registry,
        repository,
        checked_at: at,
        attempted_at: at,
        last_error: problem ?? null,
        tags: JSON.stringify(tags),
        listed_tags: JSON.stringify(listed),
        pinned_digests: JSON.stringify(pinned),
      })
      .onConflict(['registry', 'repository'])
      .merge();
  }

  /**
   * Drops the repositories not in `inUse` that were last read, or tried,
   * before `before`: those no service uses any more, or of a registry no
   * longer configured, which would otherwise keep their tags for ever.
   * Returns how many went.
   */
  async removeUnused(
    inUse: Array<{ registry: string; repository: string }>,
    before: Date,
  ): Promise<number> {
    const keyOf = (r: { registry: string; repository: string }) =>
      JSON.stringify([r.registry, r.repository]);
    const kept = new Set(inUse.map(keyOf));
    const notTriedSince = (q: Knex.QueryBuilder) =>
      q.where('attempted_at', '<', before).orWhereNull('attempted_at');
    // The keys alone, of the few not tried lately: every repository in use
    // was tried this run, and the tags stay in the database.
    const stale: Array<{ registry: string; repository: string }> =
      await this.knex('registry_repositories')
        .where(notTriedSince)
        .select('registry', 'repository');
    const unused = stale.filter(r => !kept.has(keyOf(r)));
    let removed = 0;
    for (const chunk of chunksOf(unused)) {
      removed += await this.knex('registry_repositories')
        .whereIn(
          ['registry', 'repository'],
          chunk.map(r => [r.registry, r.repository]),
        )
        // Again: one read since the select keeps its repository.
        .where(notTriedSince)
        .delete();
    }
    return removed;
  }

  async recordFailure(
    registry: string,
    repository: string,
    error: string,
    at: Date,
  ): Promise<void> {
    await this.knex('registry_repositories')
      .insert({ registry, repository, attempted_at: at, last_error: error })
      .onConflict(['registry', 'repository'])
      .merge(['attempted_at', 'last_error']);
  }
}
