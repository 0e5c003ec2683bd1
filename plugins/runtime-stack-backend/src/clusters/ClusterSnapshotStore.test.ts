import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateToLatest } from '../database/migrations';
import { ClusterSnapshotStore } from './ClusterSnapshotStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const deployment = (name: string, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', uid: name },
  spec: { template: { spec: { containers: [{ name, image }] } } },
});

describe.each(databases.eachSupportedId())(
  'ClusterSnapshotStore on %s',
  databaseId => {
    it('stores and counts once an object that two watch events add at once', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      const store = new ClusterSnapshotStore(knex);
      await store.replaceSnapshot('prod-eu-1', {
        objects: [deployment('cart', 'cart:1')],
        collectedAt: new Date(),
        warnings: [],
        platformTools: [],
      });

      await Promise.all([
        store.upsertObject('prod-eu-1', deployment('pay', 'pay:1')),
        store.upsertObject('prod-eu-1', deployment('pay', 'pay:2')),
      ]);

      const [state] = await store.states();
      expect(state.objectCount).toBe(2);
      const stored = await store.findObjects({
        clusters: ['prod-eu-1'],
        kinds: ['Deployment'],
      });
      expect(stored.map(o => o.object.metadata.name)).toEqual(['cart', 'pay']);
    });
  },
);
