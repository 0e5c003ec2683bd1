import type { ServerResponse } from 'node:http';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { migrateToLatest } from '../database/migrations';
import { digestOf, ociImage } from '../registry/__testUtils__/ociImage';
import {
  json,
  startStubServer,
  type StubServer,
} from '../__testUtils__/stubServer';
import { SEARCH_HEADS_PER_RUN } from './pinnedDigestReads';
import { RegistryCollector } from './RegistryCollector';
import { readImageSettings } from './registryConfig';
import { RegistrySnapshotStore } from './RegistrySnapshotStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** One image per tag, told apart by its build date. */
const image = (tag: string, created: string) => ({
  tag,
  created,
  ...ociImage({ created, os: 'linux', architecture: 'amd64' }),
});

const IMAGES = [
  image('1.0.0', '2026-01-01T00:00:00.000Z'),
  image('2.0.0', '2026-02-01T00:00:00.000Z'),
  image('main', '2026-03-01T00:00:00.000Z'),
];

/**
 * A registry holding IMAGES whose tag list names only 2.0.0, and whose
 * next link, when `loops`, points back at the list itself.
 */
function registryListing(loops: boolean) {
  return startStubServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/v2/team/app/tags/list') {
      json(
        response,
        200,
        { name: 'team/app', tags: ['2.0.0'] },
        loops ? { link: '</v2/team/app/tags/list>; rel="next"' } : {},
      );
      return;
    }
    const reference = path.split('/').pop()!;
    const found = IMAGES.find(
      i =>
        i.tag === reference ||
        i.digest === reference ||
        digestOf(i.config) === reference,
    );
    if (!found) {
      json(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
    } else if (path.includes('/blobs/')) {
      response.writeHead(200).end(found.config);
    } else {
      response
        .writeHead(200, {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'docker-content-digest': found.digest,
        })
        .end(request.method === 'HEAD' ? undefined : found.manifest);
    }
  });
}

describe('RegistryCollector with a tag list that never ends', () => {
  let registry: StubServer | undefined;
  afterEach(() => registry?.close());

  async function collectAfterAnEarlierRead(loops: boolean) {
    registry = await registryListing(loops);
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const store = new RegistrySnapshotStore(knex);
    const main = IMAGES[2];
    // An earlier read found main, which this list does not name.
    await store.saveTags(
      registry.host,
      'team/app',
      [{ tag: 'main', digest: main.digest, created: main.created }],
      new Date('2026-11-01T00:00:00Z'),
    );
    const settings = readImageSettings(
      new ConfigReader({
        runtimeStack: {
          images: { registries: [{ host: registry.host, insecure: true }] },
        },
      }),
    );
    const logger = mockServices.logger.mock();
    const result = await new RegistryCollector(store, settings, logger).collect(
      [`${registry.host}/team/app:1.0.0`, `${registry.host}/team/app:gone`],
    );
    const stored = (await store.get(registry.host, 'team/app'))!;
    return { result, stored, logger };
  }

  it('asks for the tags in use by name, keeps those read before, and says the list was cut short', async () => {
    const { result, stored, logger } = await collectAfterAnEarlierRead(true);

    expect(result.failures).toBe(0);
    expect(stored.tags.map(t => t.tag).sort()).toEqual([
      '1.0.0',
      '2.0.0',
      'main',
    ]);
    expect(stored.tags.find(t => t.tag === '1.0.0')).toMatchObject({
      digest: IMAGES[0].digest,
      created: IMAGES[0].created,
    });
    // gone was asked for and is not there: not listed as if it were.
    expect([...stored.listedTags!].sort()).toEqual(['1.0.0', '2.0.0']);
    expect(stored.lastError).toBe(
      "Not every tag was listed: the registry's tag list links back to a page already read, after 1 page(s). The tags in use were asked for by name.",
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('links back to a page already read'),
    );
    expect(
      registry!.requests.filter(r => r.url.includes('/tags/list')),
    ).toHaveLength(1);
  });

  it('takes a list that ends as the whole: tags in use it lacks are not asked for, and those it no longer names go', async () => {
    const { result, stored } = await collectAfterAnEarlierRead(false);

    expect(result.failures).toBe(0);
    expect(stored.tags.map(t => t.tag)).toEqual(['2.0.0']);
    expect(stored.listedTags).toEqual(['2.0.0']);
    expect(stored.lastError).toBeUndefined();
    expect(
      registry!.requests.filter(r => r.url.includes('/manifests/1.0.0')),
    ).toHaveLength(0);
  });
});

describe('RegistryCollector with images pinned by digest', () => {
  let registry: StubServer | undefined;
  afterEach(() => registry?.close());

  /** Twelve releases, 1.0.0 to 1.11.0: the two oldest are not read as such. */
  const RELEASES = Array.from({ length: 12 }, (_, minor) =>
    image(
      `1.${minor}.0`,
      `2026-01-${String(minor + 1).padStart(2, '0')}T00:00:00.000Z`,
    ),
  );
  /** No tag's: its version label names 1.1.0, which is another image. */
  const ORPHAN = {
    created: '2025-12-01T00:00:00.000Z',
    ...ociImage({
      created: '2025-12-01T00:00:00.000Z',
      os: 'linux',
      architecture: 'amd64',
      config: { Labels: { 'org.opencontainers.image.version': '1.1.0' } },
    }),
  };
  const GONE = `sha256:${'0'.repeat(64)}`;

  function pinnedRegistry() {
    return startStubServer((request, response) => {
      const path = new URL(request.url, 'http://x').pathname;
      if (path === '/v2/team/app/tags/list') {
        json(response, 200, {
          name: 'team/app',
          tags: RELEASES.map(r => r.tag),
        });
        return;
      }
      const reference = path.split('/').pop()!;
      const found = [...RELEASES, ORPHAN].find(
        i =>
          ('tag' in i && i.tag === reference) ||
          i.digest === reference ||
          digestOf(i.config) === reference,
      );
      if (!found) {
        json(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
      } else if (path.includes('/blobs/')) {
        response.writeHead(200).end(found.config);
      } else {
        response
          .writeHead(200, {
            'content-type': 'application/vnd.oci.image.manifest.v1+json',
            'docker-content-digest': found.digest,
          })
          .end(request.method === 'HEAD' ? undefined : found.manifest);
      }
    });
  }

  it('describes each pinned digest, finds the older release one is, and reads each once', async () => {
    registry = await pinnedRegistry();
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const store = new RegistrySnapshotStore(knex);
    const settings = readImageSettings(
      new ConfigReader({
        runtimeStack: {
          images: { registries: [{ host: registry.host, insecure: true }] },
        },
      }),
    );
    const collector = new RegistryCollector(
      store,
      settings,
      mockServices.logger.mock(),
    );
    const [oldest] = RELEASES;
    const references = [
      `${registry.host}/team/app@${oldest.digest}`,
      `${registry.host}/team/app@${ORPHAN.digest}`,
      `${registry.host}/team/app@${GONE}`,
      // On a host not configured: never asked.
      `elsewhere.example.com/team/app@${ORPHAN.digest}`,
    ];
    expect(collector.repositoriesOf(references)).toEqual([
      expect.objectContaining({
        repository: 'team/app',
        pinned: new Set([oldest.digest, ORPHAN.digest, GONE]),
      }),
    ]);

    const first = await collector.collect(references);
    expect(first).toMatchObject({ failures: 0, pinnedDigests: 3 });
    const stored = (await store.get(registry.host, 'team/app'))!;
    expect(stored.pinned).toEqual([
      {
        digest: oldest.digest,
        created: oldest.created,
        searched: true,
      },
      {
        digest: ORPHAN.digest,
        created: ORPHAN.created,
        version: '1.1.0',
        searched: true,
      },
      { digest: GONE, notFound: true },
    ]);
    // The newest ten; 1.1.0, which the orphan's label names; and 1.0.0,
    // found pointing to the digest pinned.
    expect(stored.tags.map(t => t.tag).sort()).toEqual(
      RELEASES.map(r => r.tag).sort(),
    );
    expect(stored.tags.find(t => t.tag === '1.0.0')).toEqual({
      tag: '1.0.0',
      digest: oldest.digest,
      created: oldest.created,
    });
    for (const digest of [oldest.digest, ORPHAN.digest]) {
      expect(
        registry.requests.filter(
          r => r.method === 'GET' && r.url.endsWith(`/manifests/${digest}`),
        ),
      ).toHaveLength(1);
    }

    // Again: the digests read are kept; the tag 1.0.0 is checked again, and
    // the orphan, searched for once, is not searched for again.
    const before = registry.requests.length;
    const second = await collector.collect(references);
    const since = registry.requests.slice(before);
    expect(second).toMatchObject({ failures: 0, pinnedDigests: 3 });
    expect(
      since.filter(r => r.method === 'GET' && r.url.includes('/manifests/')),
    ).toEqual([
      expect.objectContaining({ url: `/v2/team/app/manifests/${GONE}` }),
    ]);
    expect(
      since.filter(r => r.method === 'HEAD').map(r => r.url.split('/').pop()),
    ).toEqual(expect.arrayContaining(['1.0.0', '1.1.0']));
    expect(since.filter(r => r.method === 'HEAD')).toHaveLength(12);
    expect((await store.get(registry.host, 'team/app'))!.pinned).toEqual(
      stored.pinned,
    );
  });
});

describe('RegistryCollector searching the tags for a pinned digest', () => {
  let registry: StubServer | undefined;
  afterEach(() => registry?.close());

  /** Releases 1.0.0 up: the ten newest are read, the rest searched. */
  const releases = (count: number) =>
    Array.from({ length: count }, (_, minor) =>
      image(
        `1.${minor}.0`,
        new Date(Date.UTC(2026, 0, 1 + minor)).toISOString(),
      ),
    );
  /** No tag's, so every release not read is searched for it. */
  const ORPHAN = {
    created: '2025-12-01T00:00:00.000Z',
    ...ociImage({
      created: '2025-12-01T00:00:00.000Z',
      os: 'linux',
      architecture: 'amd64',
    }),
  };

  /**
   * A registry holding `tags` and the orphan; `answer` may answer a tag's
   * manifest request otherwise, and `onHead` hears every HEAD.
   */
  async function searchedRegistry(
    tags: ReturnType<typeof releases>,
    answer: (tag: string, response: ServerResponse) => boolean = () => false,
    onHead: (tag: string) => void = () => {},
  ) {
    registry = await startStubServer((request, response) => {
      const path = new URL(request.url, 'http://x').pathname;
      if (path === '/v2/team/app/tags/list') {
        json(response, 200, { name: 'team/app', tags: tags.map(r => r.tag) });
        return;
      }
      const reference = path.split('/').pop()!;
      if (request.method === 'HEAD') onHead(reference);
      if (answer(reference, response)) return;
      const found = [...tags, ORPHAN].find(
        i =>
          ('tag' in i && i.tag === reference) ||
          i.digest === reference ||
          digestOf(i.config) === reference,
      );
      if (!found) {
        json(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
      } else if (path.includes('/blobs/')) {
        response.writeHead(200).end(found.config);
      } else {
        response
          .writeHead(200, {
            'content-type': 'application/vnd.oci.image.manifest.v1+json',
            'docker-content-digest': found.digest,
          })
          .end(request.method === 'HEAD' ? undefined : found.manifest);
      }
    });
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const store = new RegistrySnapshotStore(knex);
    const settings = readImageSettings(
      new ConfigReader({
        runtimeStack: {
          images: { registries: [{ host: registry.host, insecure: true }] },
        },
      }),
    );
    const logger = mockServices.logger.mock();
    const collector = new RegistryCollector(store, settings, logger);
    const newest = tags[tags.length - 1].tag;
    const references = [
      `${registry.host}/team/app:${newest}`,
      `${registry.host}/team/app@${ORPHAN.digest}`,
    ];
    /** The tags the next `collect` sends a HEAD for that it does not read. */
    const collectSearching = async (signal?: AbortSignal) => {
      const before = registry!.requests.length;
      const result = await collector.collect(references, signal);
      const stored = (await store.get(registry!.host, 'team/app'))!;
      const read = new Set(stored.tags.map(t => t.tag));
      const searched = registry!.requests
        .slice(before)
        .filter(r => r.method === 'HEAD')
        .map(r => r.url.split('/').pop()!)
        .filter(tag => !read.has(tag));
      return { result, stored, searched };
    };
    return { store, logger, collectSearching, references, collector };
  }

  const newestTen = (tags: ReturnType<typeof releases>) =>
    tags
      .slice(-10)
      .map(r => r.tag)
      .sort();

  it('keeps the tags in use when a tag it searches fails, and asks only that one again', async () => {
    const tags = releases(40);
    let failing = true;
    const { logger, collectSearching } = await searchedRegistry(
      tags,
      (tag, response) => {
        if (!failing || tag !== '1.3.0') return false;
        json(response, 500, { errors: [{ code: 'UNKNOWN' }] });
        return true;
      },
    );

    const first = await collectSearching();
    expect(first.result.failures).toBe(0);
    expect(first.stored.lastError).toBeUndefined();
    expect(first.stored.tags.map(t => t.tag).sort()).toEqual(newestTen(tags));
    // Every other tag checked once; the one failing, with the client's retries.
    const others = tags.slice(0, 30).map(r => r.tag);
    expect(first.searched.filter(t => t !== '1.3.0').sort()).toEqual(
      others.filter(t => t !== '1.3.0').sort(),
    );
    expect(first.stored.pinned).toEqual([
      {
        digest: ORPHAN.digest,
        created: ORPHAN.created,
        checkedTags: expect.arrayContaining(others.filter(t => t !== '1.3.0')),
      },
    ]);
    expect(first.stored.pinned![0].checkedTags).toHaveLength(29);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/pinned digests.*manifests\/1\.3\.0 answered 500/),
    );

    failing = false;
    const second = await collectSearching();
    expect(second.result.failures).toBe(0);
    expect(second.searched).toEqual(['1.3.0']);
    expect(second.stored.pinned).toEqual([
      { digest: ORPHAN.digest, created: ORPHAN.created, searched: true },
    ]);

    const third = await collectSearching();
    expect(third.searched).toEqual([]);
  });

  it(`checks at most ${SEARCH_HEADS_PER_RUN} tags a run, and goes on where it stopped`, async () => {
    const tags = releases(SEARCH_HEADS_PER_RUN + 30);
    const { logger, collectSearching } = await searchedRegistry(tags);
    const unread = tags.slice(0, -10).map(r => r.tag);

    const first = await collectSearching();
    expect(first.result.failures).toBe(0);
    expect(first.searched).toHaveLength(SEARCH_HEADS_PER_RUN);
    expect(first.stored.pinned![0].searched).toBeUndefined();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('20 tags are left for the next run'),
    );
    expect(logger.warn).not.toHaveBeenCalled();

    const second = await collectSearching();
    expect([...first.searched, ...second.searched].sort()).toEqual(
      unread.sort(),
    );
    expect(second.stored.pinned).toEqual([
      { digest: ORPHAN.digest, created: ORPHAN.created, searched: true },
    ]);
    expect((await collectSearching()).searched).toEqual([]);
  });

  it('stops at a 429 it is not to wait out, and goes on next run', async () => {
    const tags = releases(40);
    let limited = true;
    const { logger, collectSearching } = await searchedRegistry(
      tags,
      (tag, response) => {
        if (!limited || tag !== '1.0.0') return false;
        json(
          response,
          429,
          { errors: [{ code: 'TOOMANYREQUESTS' }] },
          {
            'retry-after': '3600',
          },
        );
        return true;
      },
    );

    const first = await collectSearching();
    expect(first.result.failures).toBe(0);
    expect(first.stored.tags.map(t => t.tag).sort()).toEqual(newestTen(tags));
    // The 429, and at most the HEADs in flight with it: none started after.
    expect(first.searched).toContain('1.0.0');
    expect(first.searched.length).toBeLessThanOrEqual(4);
    expect(first.stored.pinned![0].searched).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('the registry asks for fewer requests'),
    );

    limited = false;
    const second = await collectSearching();
    const answered = first.searched.filter(t => t !== '1.0.0');
    expect(second.searched).toContain('1.0.0');
    expect(second.searched.filter(t => answered.includes(t))).toEqual([]);
    expect([...answered, ...second.searched].sort()).toEqual(
      tags
        .slice(0, 30)
        .map(r => r.tag)
        .sort(),
    );
    expect(second.stored.pinned![0].searched).toBe(true);
  });

  it('saves the tags read and the search so far when the run is stopped during it', async () => {
    const tags = releases(40);
    const stop = new AbortController();
    const { store, collectSearching } = await searchedRegistry(
      tags,
      undefined,
      tag => {
        if (tag === '1.5.0') stop.abort(new Error('the task timed out'));
      },
    );

    await expect(collectSearching(stop.signal)).rejects.toThrow(
      'the task timed out',
    );
    const stored = (await store.get(registry!.host, 'team/app'))!;
    expect(stored.lastError).toBeUndefined();
    expect(stored.tags.map(t => t.tag).sort()).toEqual(newestTen(tags));
    expect(stored.pinned![0].searched).toBeUndefined();
    expect(stored.pinned![0].checkedTags).toContain('1.0.0');
    expect(stored.pinned![0].checkedTags!.length).toBeLessThan(30);

    const next = await collectSearching();
    expect(next.searched).not.toContain('1.0.0');
    expect(next.stored.pinned![0].searched).toBe(true);
  });
});
