import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ClusterDirectory } from '../clusters/ClusterDirectory';
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
import { readCollectionSettings } from '../clusters/clusterConfig';
import { ClusterSnapshotStore } from '../clusters/ClusterSnapshotStore';
import { ClusterStateService } from '../clusters/ClusterStateService';
import { migrateToLatest } from '../database/migrations';
import { ImageCollectionService } from './ImageCollectionService';
import { ImageService } from './ImageService';
import { RegistryCollector } from './RegistryCollector';
import { readImageSettings } from './registryConfig';
import { RegistrySnapshotStore } from './RegistrySnapshotStore';
import { realServerAvailable } from '../__testUtils__/realServers';
import { sumsOf, testMeter } from '../__testUtils__/onDemandMetricReader';
import { registryReadCounters } from '../metrics/runCounters';

const { metrics, reader: metricReader } = testMeter();
const recordRead = registryReadCounters(metrics);

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const describeWithRegistry = realServerAvailable(
  hasDockerRegistry(),
  'the registry image tests',
  'docker-registry',
)
  ? describe.each(databases.eachSupportedId())
  : describe.skip.each(databases.eachSupportedId());

const pod = (name: string, image: string, digest: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'payments',
    labels: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
  spec: { containers: [{ name: 'app', image }] },
  status: {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'app',
        image,
        imageID: `${image.split(':')[0]}@${digest}`,
        ready: true,
        restartCount: 0,
      },
    ],
  },
});

describeWithRegistry('registry images on %s', databaseId => {
  let registry: RunningRegistry;
  let cluster: FakeKubeApiServer;
  let images: ImageService;
  let collection: ImageCollectionService;
  let registryStore: RegistrySnapshotStore;
  let staleDigest: string;
  let entity: Entity;
  let clusterStore: ClusterSnapshotStore;
  let clusterState: ClusterStateService;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    registry = await startRegistry();
    const repository = 'payments/payments-api';
    for (const [tag, created] of [
      ['1.14.1', '2026-08-01T00:00:00Z'],
      ['1.15.0', '2026-11-01T00:00:00Z'],
    ]) {
      await pushImage(registry.url, {
        repository,
        tags: [tag],
        created,
        format: 'oci-index',
        seed: tag,
        annotations: {
          'org.opencontainers.image.source':
            'https://git.example.com/payments/payments-api',
          'org.opencontainers.image.revision': `rev-${tag}`,
        },
      });
    }
    // Twelve old releases, a branch tag and a commit tag, all one image.
    await pushImage(registry.url, {
      repository,
      tags: [
        ...Array.from({ length: 12 }, (_, i) => `1.0.${i}`),
        'main',
        'sha-4f2a9c1',
      ],
      created: '2026-01-01T00:00:00Z',
      seed: 'old releases',
    });
    // 1.14.2 is pushed, pulled by the pods, then pushed again: the tag moved.
    staleDigest = (
      await pushImage(registry.url, {
        repository,
        tags: ['1.14.2'],
        created: '2026-10-01T00:00:00Z',
        seed: 'first build',
      })
    ).digest;
    await pushImage(registry.url, {
      repository,
      tags: ['1.14.2'],
      created: '2026-10-02T00:00:00Z',
      seed: 'rebuilt',
    });

    const image = `${registry.host}/${repository}:1.14.2`;
    cluster = await startFakeKubeApiServer({
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' } },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: 'payments-api',
            namespace: 'payments',
            labels: { 'backstage.io/kubernetes-id': 'payments-api' },
          },
          spec: {
            replicas: 2,
            template: { spec: { containers: [{ name: 'app', image }] } },
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: 'payments-api-7d9f8b6c5',
            namespace: 'payments',
            uid: 'rs-payments-api',
            labels: { 'backstage.io/kubernetes-id': 'payments-api' },
          },
          spec: {
            replicas: 2,
            template: { spec: { containers: [{ name: 'app', image }] } },
          },
          status: { replicas: 2 },
        },
        pod('payments-api-1', image, staleDigest),
        pod('payments-api-2', image, staleDigest),
        {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'vulnerabilityreports.aquasecurity.github.io' },
          spec: {
            group: 'aquasecurity.github.io',
            names: {
              plural: 'vulnerabilityreports',
              kind: 'VulnerabilityReport',
            },
            scope: 'Namespaced',
            versions: [{ name: 'v1alpha1', served: true, storage: true }],
          },
        },
        {
          apiVersion: 'aquasecurity.github.io/v1alpha1',
          kind: 'VulnerabilityReport',
          metadata: {
            name: 'replicaset-payments-api-7d9f8b6c5-app',
            namespace: 'payments',
            labels: {
              'trivy-operator.resource.kind': 'ReplicaSet',
              'trivy-operator.resource.name': 'payments-api-7d9f8b6c5',
              'trivy-operator.resource.namespace': 'payments',
              'trivy-operator.container.name': 'app',
            },
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: 'payments-api-7d9f8b6c5',
                uid: 'rs-payments-api',
              },
            ],
          },
          report: {
            scanner: {
              name: 'Trivy',
              vendor: 'Aqua Security',
              version: '0.52.0',
            },
            summary: {
              criticalCount: 1,
              highCount: 4,
              mediumCount: 0,
              lowCount: 2,
            },
            updateTimestamp: '2026-11-22T06:00:00Z',
            vulnerabilities: [{ vulnerabilityID: 'CVE-2026-0001' }],
          },
        } as KubeObject,
      ],
    });
    entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-id': 'payments-api',
          // Declared, on a host nobody configured: shown, never fetched.
          'runtime-stack.io/images': `evil.example.net/payments/payments-api,${registry.host}/payments/payments-api`,
        },
      },
      spec: {
        type: 'service',
        owner: 'payments-team',
        lifecycle: 'production',
      },
    };

    const knex = await databases.init(databaseId);
    await migrateToLatest(knex);
    clusterStore = new ClusterSnapshotStore(knex);
    const clusters = [
      {
        name: 'prod-eu-1',
        url: cluster.url,
        serviceAccountToken: cluster.token,
        skipTLSVerify: false,
      },
    ];
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
            maxAgeDays: 365,
          },
        },
      }),
    );
    registryStore = new RegistrySnapshotStore(knex);
    collection = new ImageCollectionService({
      collector: new RegistryCollector(registryStore, settings, logger),
      clusterStore,
      clusters: new ClusterDirectory(clusters),
      catalog: catalogServiceMock({ entities: [entity] }),
      auth: mockServices.auth(),
      settings,
      logger,
      onCollected: async result => recordRead(result),
    });
    clusterState = new ClusterStateService({
      clusters: new ClusterDirectory(clusters),
      store: clusterStore,
      staleAfterMs: 60_000,
      detectServiceTools: () => [],
    });
    images = new ImageService({
      clusterState,
      store: registryStore,
      settings,
      now: () => new Date('2026-11-23T00:00:00Z'),
    });
  });

  afterAll(async () => {
    await cluster?.close();
    await registry?.stop();
  });

  it('reads the repositories in use, then serves a second run from its digest cache', async () => {
    const before = await sumsOf(metricReader);
    const since = (sums: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(sums).map(([name, sum]) => [
          name,
          sum - (before[name] ?? 0),
        ]),
      );
    const first = await collection.run();
    // The ten newest versions, the branch and the commit tag; 1.0.0 to
    // 1.0.4 only listed.
    expect(first).toMatchObject({
      repositories: 1,
      tagsListed: 17,
      tags: 12,
      cacheHits: 0,
      failures: 0,
    });
    const stored = await registryStore.get(
      registry.host,
      'payments/payments-api',
    );
    expect(stored?.tags.map(t => t.tag).sort()).toEqual(
      [
        '1.15.0',
        '1.14.2',
        '1.14.1',
        ...Array.from({ length: 7 }, (_, i) => `1.0.${i + 5}`),
        'main',
        'sha-4f2a9c1',
      ].sort(),
    );
    const digestOf = async (tag: string) =>
      (await registryStore.get(
        registry.host,
        'payments/payments-api',
      ))!.tags.find(t => t.tag === tag)?.digest;
    const [mainBefore, commitBefore] = [
      await digestOf('main'),
      await digestOf('sha-4f2a9c1'),
    ];
    // A push moves the branch tag, and (against the rule) the commit tag.
    await pushImage(registry.url, {
      repository: 'payments/payments-api',
      tags: ['main', 'sha-4f2a9c1'],
      created: '2026-11-20T00:00:00Z',
      seed: 'main moved',
    });
    const second = await collection.run();
    // The branch tag is read again and found moved; the commit tag, read
    // before, is kept without a request.
    expect(second).toMatchObject({
      repositories: 1,
      tagsListed: 17,
      tags: 12,
      cacheHits: 11,
    });
    expect(await digestOf('main')).not.toBe(mainBefore);
    expect(await digestOf('sha-4f2a9c1')).toBe(commitBefore);
    expect(second.requests).toBeLessThan(first.requests);
    // The same figures, summed, as the runs' counters report them.
    expect(since(await sumsOf(metricReader))).toEqual({
      'runtime_stack.registry.requests': first.requests + second.requests,
      'runtime_stack.registry.cache_hits': 11,
      'runtime_stack.registry.failures': 0,
    });
    expect(
      await registryStore.get('evil.example.net', 'payments/payments-api'),
    ).toBeUndefined();
  });

  it('starts no repository once its task is aborted, and reports nothing read', async () => {
    const read = jest.spyOn(registryStore, 'get');
    const shutdown = new AbortController();
    shutdown.abort(new Error('backend stopping'));
    try {
      await expect(collection.run(shutdown.signal)).rejects.toThrow(
        'backend stopping',
      );
      // Each repository starts with its stored tags: none was started.
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
  });

  it('reads no further tag once its task is aborted mid-repository, and records no failure of the registry', async () => {
    const shutdown = new AbortController();
    const storedTags = registryStore.get.bind(registryStore);
    const read = jest
      .spyOn(registryStore, 'get')
      .mockImplementation(async (...args) => {
        shutdown.abort(new Error('backend stopping'));
        return storedTags(...args);
      });
    const failure = jest.spyOn(registryStore, 'recordFailure');
    const saved = jest.spyOn(registryStore, 'saveTags');
    try {
      await expect(collection.run(shutdown.signal)).rejects.toThrow(
        'backend stopping',
      );
      expect(read).toHaveBeenCalled();
      expect(failure).not.toHaveBeenCalled();
      expect(saved).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
      failure.mockRestore();
      saved.mockRestore();
    }
  });

  it('shows what runs against what the registry holds, with the drift', async () => {
    await collection.run();
    const result = await images.entityImages(entity);
    expect(result.entityRef).toBe('component:default/payments-api');
    const running = result.images.find(i => i.registry === registry.host)!;
    expect(running).toMatchObject({
      repository: 'payments/payments-api',
      tag: '1.14.2',
      registryConfigured: true,
      // Declared as a repository and running as a tag of it: one image.
      declared: true,
    });
    expect(result.images).toHaveLength(2);
    expect(running.running.map(r => r.digest)).toEqual([
      staleDigest,
      staleDigest,
    ]);
    expect(running.current?.digest).not.toBe(staleDigest);
    expect(running.newest.map(t => t.tag)).toEqual([
      '1.15.0',
      '1.14.2',
      '1.14.1',
      ...['11', '10', '9', '8', '7', '6', '5'].map(patch => `1.0.${patch}`),
    ]);
    expect(running.newest[0]).toMatchObject({
      created: '2026-11-01T00:00:00Z',
      source: 'https://git.example.com/payments/payments-api',
      revision: 'rev-1.15.0',
    });
    expect(running.drift.map(d => d.kind)).toEqual([
      'digest-mismatch',
      'newer-tag',
    ]);
    // The cluster's scanner reported on the image its ReplicaSet runs.
    expect(running.scans).toEqual([
      {
        cluster: 'prod-eu-1',
        namespace: 'payments',
        report: 'replicaset-payments-api-7d9f8b6c5-app',
        container: 'app',
        scanner: 'Trivy 0.52.0',
        scannedAt: '2026-11-22T06:00:00Z',
        counts: { critical: 1, high: 4, medium: 0, low: 2 },
      },
    ]);

    const declared = result.images.find(
      i => i.registry === 'evil.example.net',
    )!;
    expect(declared).toMatchObject({
      declared: true,
      registryConfigured: false,
      newest: [],
      running: [],
    });
    expect(declared.scans).toBeUndefined();
  });

  it('tells a tag in use that the registry lists but that was not read from one it lacks', async () => {
    await collection.run();
    const shown = async () =>
      (await images.entityImages(entity)).images.find(
        i => i.registry === registry.host,
      )!;
    expect(await shown()).toMatchObject({ tagCount: 17 });
    expect((await shown()).tagNotRead).toBeUndefined();

    // As a read of an older run left it: 1.14.2 listed, its digest unread.
    const stored = (await registryStore.get(
      registry.host,
      'payments/payments-api',
    ))!;
    await registryStore.saveTags(
      registry.host,
      'payments/payments-api',
      stored.tags.filter(t => t.tag !== '1.14.2'),
      new Date(),
      stored.listedTags,
    );
    const unread = await shown();
    expect(unread.current).toBeUndefined();
    expect(unread.tagNotRead).toBe(true);

    // Not listed at all: missing from the registry, as before.
    await registryStore.saveTags(
      registry.host,
      'payments/payments-api',
      stored.tags.filter(t => t.tag !== '1.14.2'),
      new Date(),
      stored.listedTags!.filter(t => t !== '1.14.2'),
    );
    expect((await shown()).tagNotRead).toBeUndefined();
    await collection.run();
    expect((await shown()).current?.tag).toBe('1.14.2');
  });

  it("takes the repository a Harbor plugin slug names, on harbor.baseUrl's instance", async () => {
    const cart: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'cart',
        namespace: 'default',
        annotations: { 'goharbor.io/repository-slug': 'shop/cart' },
      },
      spec: { type: 'service', owner: 'shop-team', lifecycle: 'production' },
    };
    // The Harbor plugin's own config: nothing to add for this service.
    const settings = readImageSettings(
      new ConfigReader({
        harbor: { baseUrl: 'https://harbor.acme.internal' },
        runtimeStack: {
          images: { registries: [{ host: 'harbor.acme.internal' }] },
        },
      }),
    );
    const collector = new RegistryCollector(registryStore, settings, logger);
    const harborCollection = new ImageCollectionService({
      collector,
      clusterStore,
      clusters: new ClusterDirectory([
        { name: 'prod-eu-1', url: cluster.url, skipTLSVerify: false },
      ]),
      catalog: catalogServiceMock({ entities: [cart] }),
      auth: mockServices.auth(),
      settings,
      logger,
    });
    // Collected with the pods' images, and fetched: its host is configured.
    expect(await harborCollection.referencesInUse()).toContain(
      'harbor.acme.internal/shop/cart',
    );
    expect(
      collector.repositoriesOf(['harbor.acme.internal/shop/cart']),
    ).toEqual([
      expect.objectContaining({
        registry: expect.objectContaining({ host: 'harbor.acme.internal' }),
        repository: 'shop/cart',
      }),
    ]);

    const shown = await new ImageService({
      clusterState,
      store: registryStore,
      settings,
      now: () => new Date('2026-11-23T00:00:00Z'),
    }).entityImages(cart);
    expect(shown.images).toEqual([
      expect.objectContaining({
        registry: 'harbor.acme.internal',
        repository: 'shop/cart',
        declared: true,
        registryConfigured: true,
      }),
    ]);
  });
});
