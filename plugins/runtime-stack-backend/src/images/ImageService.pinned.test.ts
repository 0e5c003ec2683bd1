import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  startFakeKubeApiServer,
  type FakeKubeApiServer,
  type KubeObject,
} from '@internal/fake-kube-apiserver';
import {
  hasDockerRegistry,
  pushImage,
  startRegistry,
  type RunningRegistry,
} from '@internal/oci-registry-testkit';
import { ClusterCollectionService } from '../clusters/ClusterCollectionService';
import { ClusterDirectory } from '../clusters/ClusterDirectory';
import { readCollectionSettings } from '../clusters/clusterConfig';
import { ClusterSnapshotStore } from '../clusters/ClusterSnapshotStore';
import { ClusterStateService } from '../clusters/ClusterStateService';
import { migrateToLatest } from '../database/migrations';
import { realServerAvailable } from '../__testUtils__/realServers';
import { ImageCollectionService } from './ImageCollectionService';
import { ImageService } from './ImageService';
import { RegistryCollector } from './RegistryCollector';
import { readImageSettings } from './registryConfig';
import { RegistrySnapshotStore } from './RegistrySnapshotStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const describeWithRegistry = realServerAvailable(
  hasDockerRegistry(),
  'the pinned image tests',
  'docker-registry',
)
  ? describe
  : describe.skip;

const repository = 'payments/worker';
const labels = { 'backstage.io/kubernetes-id': 'payments-worker' };

/** A Deployment running `image`, and its pod, which pulled `digest`. */
const running = (name: string, image: string, digest: string): KubeObject[] => [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'payments', labels },
    spec: {
      replicas: 1,
      template: { spec: { containers: [{ name: 'app', image }] } },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${name}-1`, namespace: 'payments', labels },
    spec: { containers: [{ name: 'app', image }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          image,
          imageID: `${image.split('@')[0]}@${digest}`,
          ready: true,
          restartCount: 0,
        },
      ],
    },
  },
];

describeWithRegistry('images pinned by digest, against a real registry', () => {
  let registry: RunningRegistry;
  let cluster: FakeKubeApiServer;
  let images: ImageService;
  let collection: ImageCollectionService;
  let oldest: string;
  let orphan: string;
  const missing = `sha256:${'0'.repeat(64)}`;
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-worker',
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': 'payments-worker' },
    },
    spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
  };

  beforeAll(async () => {
    registry = await startRegistry();
    // Twelve releases: the oldest is not among the ten newest read as such.
    for (let minor = 0; minor < 12; minor++) {
      const { digest } = await pushImage(registry.url, {
        repository,
        tags: [`1.${minor}.0`],
        created: `2026-0${1 + Math.floor(minor / 2)}-01T00:00:00Z`,
        format: 'oci-index',
        seed: `release ${minor}`,
        annotations: {
          'org.opencontainers.image.source':
            'https://git.example.com/payments/worker',
          'org.opencontainers.image.revision': `rev-1.${minor}.0`,
        },
      });
      if (minor === 0) oldest = digest;
    }
    // A nightly build pinned by a GitOps tool, then pushed over: no tag
    // points to what runs any more.
    orphan = (
      await pushImage(registry.url, {
        repository,
        tags: ['nightly'],
        created: '2026-11-01T00:00:00Z',
        seed: 'nightly 1',
        annotations: { 'org.opencontainers.image.revision': 'rev-nightly-1' },
      })
    ).digest;
    await pushImage(registry.url, {
      repository,
      tags: ['nightly'],
      created: '2026-11-02T00:00:00Z',
      seed: 'nightly 2',
    });

    const image = (digest: string) =>
      `${registry.host}/${repository}@${digest}`;
    cluster = await startFakeKubeApiServer({
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' } },
        ...running('worker', image(oldest), oldest),
        ...running('nightly-worker', image(orphan), orphan),
        // Pinned to a digest the registry never held (deleted, or a typo).
        ...running('ghost-worker', image(missing), missing),
      ],
    });
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const clusterStore = new ClusterSnapshotStore(knex);
    const clusters = [
      {
        name: 'prod-eu-1',
        url: cluster.url,
        serviceAccountToken: cluster.token,
        skipTLSVerify: false,
      },
    ];
    const logger = mockServices.logger.mock();
    await new ClusterCollectionService({
      clusters: new ClusterDirectory(clusters),
      settings: readCollectionSettings(
        new ConfigReader({ runtimeStack: { clusters: { watch: false } } }),
      ),
      store: clusterStore,
      logger,
      detectPlatform: () => [],
    }).run(clusters[0], new AbortController().signal);
    const settings = readImageSettings(
      new ConfigReader({
        runtimeStack: {
          images: {
            registries: [{ host: registry.host, insecure: true }],
            maxAgeDays: 180,
          },
        },
      }),
    );
    const store = new RegistrySnapshotStore(knex);
    collection = new ImageCollectionService({
      collector: new RegistryCollector(store, settings, logger),
      clusterStore,
      clusters: new ClusterDirectory(clusters),
      catalog: catalogServiceMock({ entities: [entity] }),
      auth: mockServices.auth(),
      settings,
      logger,
    });
    images = new ImageService({
      clusterState: new ClusterStateService({
        clusters: new ClusterDirectory(clusters),
        store: clusterStore,
        staleAfterMs: 60_000,
        detectServiceTools: () => [],
      }),
      store,
      settings,
      now: () => new Date('2026-11-23T00:00:00Z'),
    });
  });

  afterAll(async () => {
    await cluster?.close();
    await registry?.stop();
  });

  it('shows the tag a pinned digest is, with its build, source and revision, and judges it by that tag', async () => {
    expect(await collection.run()).toMatchObject({
      failures: 0,
      pinnedDigests: 3,
    });
    const shown = (await images.entityImages(entity)).images.find(
      i => i.digest === oldest,
    )!;
    expect(shown).not.toHaveProperty('tag');
    expect(shown.current).toEqual({
      tag: '1.0.0',
      digest: oldest,
      created: '2026-01-01T00:00:00Z',
      source: 'https://git.example.com/payments/worker',
      revision: 'rev-1.0.0',
    });
    expect(shown.drift).toEqual([
      expect.objectContaining({
        kind: 'newer-tag',
        facts: { tag: '1.0.0', newest: '1.11.0' },
      }),
      expect.objectContaining({
        kind: 'too-old',
        facts: { tag: '1.0.0', ageDays: 326, maxAgeDays: 180 },
      }),
    ]);
  });

  it('says no tag points to a pinned digest any more, and still shows what it is', async () => {
    await collection.run();
    const shown = (await images.entityImages(entity)).images.find(
      i => i.digest === orphan,
    )!;
    expect(shown.current).toEqual({
      tag: '',
      digest: orphan,
      created: '2026-11-01T00:00:00Z',
      revision: 'rev-nightly-1',
    });
    expect(shown.drift).toEqual([
      {
        kind: 'digest-mismatch',
        message: 'No tag in the registry points to the pinned digest',
        evidence: [
          `No tag points to ${orphan}`,
          'prod-eu-1: pod payments/nightly-worker-1',
        ],
        facts: { pods: 1 },
      },
    ]);
  });

  it('says the registry lacks a pinned digest it answered 404 for, rather than that it is still to read', async () => {
    await collection.run();
    const shown = (await images.entityImages(entity)).images.find(
      i => i.digest === missing,
    )!;
    expect(shown).not.toHaveProperty('current');
    expect(shown.digestNotInRegistry).toBe(true);
    // The others are in the registry.
    expect(
      (await images.entityImages(entity)).images.filter(
        i => i.digestNotInRegistry,
      ),
    ).toHaveLength(1);
  });
});
