import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ClusterObject } from '@internal/backstage-plugin-runtime-stack-common';
import { ClusterSnapshotStore } from '../clusters/ClusterSnapshotStore';
import { migrateToLatest } from '../database/migrations';
import { ImageCollectionService } from './ImageCollectionService';
import { ConfigReader } from '@backstage/config';
import { RegistryCollector } from './RegistryCollector';
import { readImageSettings, type ImageSettings } from './registryConfig';
import { RegistrySnapshotStore } from './RegistrySnapshotStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const deployment = (name: string, image: string): ClusterObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: { template: { spec: { containers: [{ name, image }] } } },
});

describe('ImageCollectionService.referencesInUse', () => {
  it('gathers the images of every configured cluster, once each, and none of a cluster no longer configured', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const clusterStore = new ClusterSnapshotStore(knex);
    const snapshot = (objects: ClusterObject[]) => ({
      objects,
      collectedAt: new Date(),
      warnings: [],
      platformTools: [],
    });
    await clusterStore.replaceSnapshot(
      'prod-eu-1',
      snapshot([
        deployment('cart', 'registry.example.com/cart:1'),
        deployment('pay', 'registry.example.com/pay:7'),
      ]),
    );
    await clusterStore.replaceSnapshot(
      'prod-us-1',
      snapshot([deployment('cart', 'registry.example.com/cart:1')]),
    );
    await clusterStore.replaceSnapshot(
      'retired',
      snapshot([deployment('old', 'registry.example.com/old:1')]),
    );

    const collection = new ImageCollectionService({
      collector: {} as RegistryCollector,
      clusterStore,
      clusters: { names: () => ['prod-eu-1', 'prod-us-1'] },
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
      settings: {} as ImageSettings,
      logger: mockServices.logger.mock(),
    });

    expect((await collection.referencesInUse()).sort()).toEqual([
      'registry.example.com/cart:1',
      'registry.example.com/pay:7',
    ]);
  });
});

describe('ImageCollectionService.schedule without registries', () => {
  it('schedules nothing and removes the tags read a week or more ago, while registries were configured', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const registryStore = new RegistrySnapshotStore(knex);
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    await registryStore.saveTags('old.example.com', 'team/app', [], daysAgo(8));
    await registryStore.saveTags('new.example.com', 'team/app', [], daysAgo(6));
    const settings = readImageSettings(new ConfigReader({}));
    const logger = mockServices.logger.mock();
    const scheduler = mockServices.scheduler.mock();

    await new ImageCollectionService({
      collector: new RegistryCollector(registryStore, settings, logger),
      clusterStore: new ClusterSnapshotStore(knex),
      clusters: { names: () => [] },
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
      settings,
      logger,
    }).schedule(scheduler);

    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
    expect(
      await registryStore.get('old.example.com', 'team/app'),
    ).toBeUndefined();
    expect(
      await registryStore.get('new.example.com', 'team/app'),
    ).toBeDefined();
  });
});
