import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Knex } from 'knex';
import { migrateToLatest } from '../database/migrations';
import { addDays } from '../time/days';
import { RegistryCollector } from './RegistryCollector';
import { readImageSettings } from './registryConfig';
import { RegistrySnapshotStore } from './RegistrySnapshotStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const registry = 'registry.example.com';
const tag = { tag: '1.0.0', digest: 'sha256:aa' };

describe.each(databases.eachSupportedId())(
  'RegistrySnapshotStore on %s',
  databaseId => {
    let knex: Knex;
    let store: RegistrySnapshotStore;
    const now = new Date();

    const storedRepositories = async () =>
      (
        await knex('registry_repositories')
          .orderBy(['registry', 'repository'])
          .select('registry', 'repository')
      ).map(row => `${row.registry}/${row.repository}`);

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      store = new RegistrySnapshotStore(knex);
      await store.saveTags(registry, 'payments/api', [tag], addDays(now, -30));
      await store.saveTags(
        registry,
        'payments/worker',
        [tag],
        addDays(now, -1),
      );
      await store.recordFailure(
        registry,
        'payments/gone',
        'unauthorized',
        addDays(now, -30),
      );
      await store.saveTags('removed.example.com', 'x/y', [], addDays(now, -8));
    });

    it('removes the repositories not in use that were not tried since the cut-off', async () => {
      expect(
        await store.removeUnused(
          [{ registry, repository: 'payments/api' }],
          addDays(now, -7),
        ),
      ).toBe(2);

      expect(await storedRepositories()).toEqual([
        `${registry}/payments/api`,
        `${registry}/payments/worker`,
      ]);
      // What is kept is kept whole.
      expect((await store.get(registry, 'payments/api'))?.tags).toEqual([tag]);
    });

    it('keeps the pinned digests beside the tags, through a failed read too', async () => {
      const pinned = [
        { digest: 'sha256:bb', created: '2026-01-01T00:00:00Z' },
        { digest: 'sha256:cc', notFound: true },
      ];
      await store.saveTags(
        registry,
        'payments/api',
        [tag],
        now,
        ['1.0.0'],
        undefined,
        pinned,
      );
      await store.recordFailure(registry, 'payments/api', 'timeout', now);
      expect(await store.get(registry, 'payments/api')).toMatchObject({
        tags: [tag],
        pinned,
        lastError: 'timeout',
      });
      // Stored before they were kept: none said.
      expect(
        (await store.get(registry, 'payments/gone'))?.pinned,
      ).toBeUndefined();
    });

    it('removes, after a collection, the repositories it no longer reads', async () => {
      const settings = readImageSettings(
        new ConfigReader({
          runtimeStack: { images: { registries: [{ host: registry }] } },
        }),
      );
      const collector = new RegistryCollector(
        store,
        settings,
        mockServices.logger.mock(),
      );

      // Nothing in use: only what was tried in the last week stays.
      await collector.collect([]);

      expect(await storedRepositories()).toEqual([
        `${registry}/payments/worker`,
      ]);
    });
  },
);
