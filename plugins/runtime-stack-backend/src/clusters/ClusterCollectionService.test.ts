import type { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  loadFixture,
  startFakeKubeApiServer,
  type FakeKubeApiServer,
  type KubeObject,
} from '@internal/fake-kube-apiserver';
import {
  defaultDetectionRules,
  defaultLayerModel,
  detectClusterTools,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Knex } from 'knex';
import { migrateToLatest } from '../database/migrations';
import { ClusterCollectionService } from './ClusterCollectionService';
import {
  readCollectionSettings,
  type ClusterDefinition,
  type CollectionSettings,
} from './clusterConfig';
import { ConfigReader } from '@backstage/config';
import {
  BUILT_IN_RESOURCES,
  TOOL_CUSTOM_RESOURCES,
  pathOf,
  resourceName,
} from './collectedResources';
import { ClusterDirectory } from './ClusterDirectory';
import { ClusterSnapshotStore } from './ClusterSnapshotStore';
import { KubernetesClusterClient } from './KubernetesClusterClient';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const settings = (
  overrides: Partial<CollectionSettings> = {},
): CollectionSettings => ({
  ...readCollectionSettings(
    new ConfigReader({
      runtimeStack: {
        clusters: {
          watch: false,
          requestTimeout: { seconds: 2 },
          pageSize: 25,
        },
      },
    }),
  ),
  ...overrides,
});

const clusterOf = (
  name: string,
  server: FakeKubeApiServer,
  token = server.token,
): ClusterDefinition => ({
  name,
  url: server.url,
  serviceAccountToken: token,
  skipTLSVerify: false,
});

const deployment = (
  name: string,
  namespace: string,
  image: string,
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name,
    namespace,
    labels: { 'backstage.io/kubernetes-id': name },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          { name, image, env: [{ name: 'DB_PASSWORD', value: 'hunter2' }] },
        ],
      },
    },
  },
});

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

describe.each(databases.eachSupportedId())(
  'cluster collection on %s',
  databaseId => {
    let knex: Knex;
    let store: ClusterSnapshotStore;
    let euServer: FakeKubeApiServer;
    let usServer: FakeKubeApiServer;
    const logger = mockServices.logger.mock();

    const service = (
      clusters: ClusterDefinition[],
      overrides?: Partial<CollectionSettings>,
    ) =>
      new ClusterCollectionService({
        clusters: new ClusterDirectory(clusters),
        settings: settings(overrides),
        store,
        logger,
        detectPlatform: objects =>
          detectClusterTools(objects, defaultDetectionRules, defaultLayerModel),
      });

    /** prod-eu-1 collected and then watched, until `stop` aborts. */
    const watchEu = () => {
      const eu = clusterOf('prod-eu-1', euServer);
      const stop = new AbortController();
      const running = service([eu], { watch: true, watchWindowMs: 60_000 }).run(
        eu,
        stop.signal,
      );
      return { stop, running };
    };

    const storedNames = async (cluster: string, kind: string) =>
      (await store.findObjects({ clusters: [cluster], kinds: [kind] })).map(
        r => `${r.object.metadata.namespace}/${r.object.metadata.name}`,
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      store = new ClusterSnapshotStore(knex);
    });

    beforeEach(async () => {
      await knex('cluster_objects').delete();
      await knex('cluster_collections').delete();
      euServer = await startFakeKubeApiServer({
        objects: loadFixture('prod-eu-1'),
      });
      usServer = await startFakeKubeApiServer({
        objects: loadFixture('prod-us-1'),
      });
    });

    afterEach(async () => {
      await euServer.close();
      await usServer.close();
    });

    it('lists a cluster page by page into the store, without ever asking for Secrets or ConfigMaps', async () => {
      const eu = clusterOf('prod-eu-1', euServer);
      const result = await service([eu]).run(eu, new AbortController().signal);

      expect(result.warnings).toEqual([]);
      const stored = await knex('cluster_objects')
        .where({ cluster: 'prod-eu-1' })
        .count({ n: '*' });
      expect(Number(stored[0].n)).toBe(result.objects);
      // Every object of a collected kind, the tools' custom resources
      // included, and nothing else.
      const wanted = new Set(TOOL_CUSTOM_RESOURCES.map(resourceName));
      const collectedKinds = new Set([
        ...BUILT_IN_RESOURCES.map(r => r.kind),
        'CustomResourceDefinition',
        ...euServer
          .list()
          .filter(o => o.kind === 'CustomResourceDefinition')
          .map(o => (o as any).spec)
          .filter(spec => wanted.has(`${spec.names.plural}.${spec.group}`))
          .map(spec => spec.names.kind),
      ]);
      expect(collectedKinds.has('Secret')).toBe(false);
      expect(result.objects).toBe(
        euServer.list().filter(o => collectedKinds.has(o.kind)).length,
      );
      expect(
        euServer.requests.some(r => /secrets|configmaps/.test(r.path)),
      ).toBe(false);
      // 25 per page: the pods need several pages, fetched with continue tokens.
      expect(
        euServer.requests.filter(
          r => r.path === '/api/v1/pods' && r.query.continue,
        ).length,
      ).toBeGreaterThan(0);
      expect(
        euServer.requests.every(r => !r.query.limit || r.query.limit === '25'),
      ).toBe(true);

      // Container environments are dropped before anything is stored.
      const bodies = await knex('cluster_objects').select('body');
      expect(bodies.some(b => String(b.body).includes('"env"'))).toBe(false);

      const [state] = await store.states();
      expect(state).toMatchObject({
        cluster: 'prod-eu-1',
        objectCount: result.objects,
      });
      expect(state.lastSuccessAt).toBeDefined();
      expect(state.serverVersion).toMatch(/^v1\./);
      expect(state.platformTools.map(t => t.tool)).toEqual(
        expect.arrayContaining([
          'cilium',
          'ingress-nginx',
          'cert-manager',
          'argo-cd',
          'velero',
          'falco',
        ]),
      );
    });

    it('collects custom resources only where their CRD exists', async () => {
      const eu = clusterOf('prod-eu-1', euServer);
      const us = clusterOf('prod-us-1', usServer);
      const collection = service([eu, us]);
      await collection.run(eu, new AbortController().signal);
      await collection.run(us, new AbortController().signal);

      expect(
        (await storedNames('prod-eu-1', 'Schedule')).length,
      ).toBeGreaterThan(0);
      expect(await storedNames('prod-us-1', 'Schedule')).toEqual([]);
      expect(usServer.requests.some(r => r.path.includes('velero.io'))).toBe(
        false,
      );
      expect(
        (await storedNames('prod-us-1', 'Kustomization')).length,
      ).toBeGreaterThan(0);
    });

    it('records a forbidden resource as a gap and keeps the rest', async () => {
      euServer.setForbidden(['networkpolicies.networking.k8s.io']);
      const eu = clusterOf('prod-eu-1', euServer);
      const result = await service([eu]).run(eu, new AbortController().signal);

      expect(result.warnings).toEqual([expect.stringContaining('403')]);
      expect(await storedNames('prod-eu-1', 'NetworkPolicy')).toEqual([]);
      expect(
        (await storedNames('prod-eu-1', 'Deployment')).length,
      ).toBeGreaterThan(5);
      const [state] = await store.states();
      expect(state.warnings).toEqual(result.warnings);
      expect(state.lastError).toBeUndefined();
    });

    it('retries 429 and 500 with backoff and then succeeds', async () => {
      euServer.failNext(1, 429, '/apis/apps/v1/deployments');
      euServer.failNext(2, 500, '/api/v1/pods');
      const eu = clusterOf('prod-eu-1', euServer);
      await service([eu]).run(eu, new AbortController().signal);

      const deployments = euServer.requests.filter(
        r => r.path === '/apis/apps/v1/deployments',
      );
      expect(deployments.map(r => r.status).slice(0, 2)).toEqual([429, 200]);
      // Asked again no sooner than the Retry-After of the throttled answer.
      expect(
        deployments[1].receivedAt - deployments[0].receivedAt,
      ).toBeGreaterThanOrEqual(1000);
      expect(
        (await storedNames('prod-eu-1', 'Deployment')).length,
      ).toBeGreaterThan(5);
      const [state] = await store.states();
      expect(state.lastError).toBeUndefined();
    });

    it('keeps the last good snapshot of a failing cluster, marks it, and leaves the others alone', async () => {
      const eu = clusterOf('prod-eu-1', euServer);
      const us = clusterOf('prod-us-1', usServer);
      const collection = service([eu, us]);
      await collection.run(eu, new AbortController().signal);
      await collection.run(us, new AbortController().signal);
      const before = await storedNames('prod-us-1', 'Deployment');

      usServer.failNext(1000, 500);
      await expect(
        collection.run(us, new AbortController().signal),
      ).rejects.toThrow(/500/);
      euServer.apply(
        deployment(
          'late-arrival',
          'payments',
          'registry.example.com/payments/late:1.0.0',
        ),
      );
      await collection.run(eu, new AbortController().signal);

      expect(await storedNames('prod-us-1', 'Deployment')).toEqual(before);
      expect(await storedNames('prod-eu-1', 'Deployment')).toContain(
        'payments/late-arrival',
      );
      const states = Object.fromEntries(
        (await store.states()).map(s => [s.cluster, s]),
      );
      expect(states['prod-us-1'].lastError).toMatch(/answered 500/);
      expect(states['prod-us-1'].lastSuccessAt).toBeDefined();
      expect(states['prod-eu-1'].lastError).toBeUndefined();
    });

    it('stops the other lists of a cluster when one fails, and asks nothing once its run is over', async () => {
      usServer.setLatency(50);
      usServer.failNext(10_000, 500, '/api/v1/namespaces');
      const us = clusterOf('prod-us-1', usServer);
      const collection = service([us], { concurrency: 2 });
      // Quick retries, so the failure comes while the other lists are under way.
      const client = new KubernetesClusterClient(us, {
        requestTimeoutMs: 2_000,
        pageSize: 25,
        backoffMs: 1,
      });
      jest.spyOn(collection, 'clientFor').mockReturnValue(client);
      const listAll = jest.spyOn(client, 'listAll');

      await expect(
        collection.run(us, new AbortController().signal),
      ).rejects.toThrow(/namespaces answered 500/);
      const listsAtFailure = listAll.mock.calls.length;
      const requestsAtFailure = usServer.requests.length;
      const asked = new Set(usServer.requests.map(r => r.path));
      // The lists queued behind the failure never started.
      expect(
        BUILT_IN_RESOURCES.filter(r => !asked.has(pathOf(r))).length,
      ).toBeGreaterThan(5);
      // Nor does any list go on in the background, holding objects outside
      // the limit of clusters listed at once, or open a new connection pool
      // once the run has closed its client.
      await new Promise(resolve => setTimeout(resolve, 500));
      expect(listAll.mock.calls.length).toBe(listsAtFailure);
      // At most the other list's request, sent before the failure and
      // arriving just after it.
      expect(usServer.requests.length - requestsAtFailure).toBeLessThanOrEqual(
        1,
      );
      const [state] = await store.states();
      expect(state.lastError).toMatch(/namespaces answered 500/);
    });

    it('lists at most clusterConcurrency clusters at once; the others wait their turn', async () => {
      euServer.setLatency(20);
      const eu = clusterOf('prod-eu-1', euServer);
      const us = clusterOf('prod-us-1', usServer);
      const oneAtATime = service([eu, us], { clusterConcurrency: 1 });
      const euDone = oneAtATime.run(eu, new AbortController().signal);
      let usListedDuringEu = -1;
      const usDone = oneAtATime.run(us, new AbortController().signal);
      await euDone.then(() => {
        usListedDuringEu = usServer.requests.length;
      });
      await usDone;
      expect(euServer.requests.length).toBeGreaterThan(10);
      expect(usListedDuringEu).toBe(0);
      expect(await storedNames('prod-us-1', 'Deployment')).not.toEqual([]);

      usServer.requests.length = 0;
      const together = service([eu, us], { clusterConcurrency: 2 });
      const euAgain = together.run(eu, new AbortController().signal);
      const usAgain = together.run(us, new AbortController().signal);
      await euAgain.then(() => {
        usListedDuringEu = usServer.requests.length;
      });
      await usAgain;
      expect(usListedDuringEu).toBeGreaterThan(0);
    });

    it('drops a run cancelled while it waited for its turn, without asking its cluster', async () => {
      euServer.setLatency(20);
      const eu = clusterOf('prod-eu-1', euServer);
      const us = clusterOf('prod-us-1', usServer);
      const collection = service([eu, us], { clusterConcurrency: 1 });
      const euDone = collection.run(eu, new AbortController().signal);
      const cancel = new AbortController();
      const usDone = collection.run(us, cancel.signal);
      cancel.abort(new Error('backend shutting down'));
      await expect(usDone).rejects.toThrow('backend shutting down');
      await euDone;
      expect(usServer.requests).toEqual([]);
      await expect(
        collection.run(us, new AbortController().signal),
      ).resolves.toMatchObject({ objects: expect.any(Number) });
    });

    it('ends a run whose task is cancelled while it lists, starting no request after, and says why', async () => {
      usServer.setLatency(200);
      const us = clusterOf('prod-us-1', usServer);
      const cancel = new AbortController();
      const running = service([us]).run(us, cancel.signal);
      await eventually(
        async () => (usServer.requests.length > 3 ? true : undefined),
        'the list under way',
      );

      // What the scheduler does at its timeout or when the backend stops.
      cancel.abort();
      const requestsAtCancel = usServer.requests.length;
      const cancelledAt = Date.now();
      await expect(running).rejects.toThrow();
      expect(Date.now() - cancelledAt).toBeLessThan(1_000);
      // Only requests already on their way, at most one per list in flight.
      expect(usServer.requests.length - requestsAtCancel).toBeLessThanOrEqual(
        settings().concurrency,
      );
      const [state] = await store.states();
      expect(state.lastError).toMatch(/cancelled before it finished/);
      expect(state.lastSuccessAt).toBeUndefined();
      expect(await storedNames('prod-us-1', 'Deployment')).toEqual([]);
    });

    it('fails a cluster whose token is refused, with the reason', async () => {
      const eu = clusterOf('prod-eu-1', euServer, 'wrong-token');
      await expect(
        service([eu]).run(eu, new AbortController().signal),
      ).rejects.toThrow(/401/);
      const [state] = await store.states();
      expect(state.lastError).toMatch(/401/);
      expect(state.lastSuccessAt).toBeUndefined();
    });

    it('gives up on a cluster slower than the request timeout', async () => {
      euServer.setLatency(1_000);
      const eu = clusterOf('prod-eu-1', euServer);
      await expect(
        service([eu], { requestTimeoutMs: 200 }).run(
          eu,
          new AbortController().signal,
        ),
      ).rejects.toThrow(/timed out after 200 ms/);
    });

    it('keeps the store current with watches, and relists when the watch is too old (410)', async () => {
      const { stop, running } = watchEu();

      await eventually(
        async () => (euServer.openWatches() > 10 ? true : undefined),
        'watches',
      );
      euServer.apply(
        deployment(
          'watched',
          'payments',
          'registry.example.com/payments/watched:1.0.0',
        ),
      );
      await eventually(
        async () =>
          (
            await storedNames('prod-eu-1', 'Deployment')
          ).includes('payments/watched')
            ? true
            : undefined,
        'the new Deployment in the store',
      );

      euServer.apply(
        deployment(
          'watched',
          'payments',
          'registry.example.com/payments/watched:2.0.0',
        ),
      );
      await eventually(async () => {
        const [row] = await store.findObjects({
          clusters: ['prod-eu-1'],
          kubernetesId: 'watched',
        });
        return JSON.stringify(row.object).includes('watched:2.0.0')
          ? true
          : undefined;
      }, 'the modified Deployment');

      // The server forgets its history and ends every watch with 410: the
      // watcher must list again and pick up what changed meanwhile.
      const loggedBefore = logger.info.mock.calls.length;
      euServer.compactHistory();
      euServer.remove({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'payments',
        name: 'watched',
      });
      euServer.apply(
        deployment(
          'after-gone',
          'payments',
          'registry.example.com/payments/after:1.0.0',
        ),
      );
      euServer.compactHistory();
      euServer.expireWatches();
      await eventually(async () => {
        const names = await storedNames('prod-eu-1', 'Deployment');
        return names.includes('payments/after-gone') &&
          !names.includes('payments/watched')
          ? true
          : undefined;
      }, 'the relisted Deployments');
      // Open watches may have seen those changes as events before the 410:
      // the relist itself is over when it says so.
      await eventually(
        async () =>
          logger.info.mock.calls
            .slice(loggedBefore)
            .some(([message]) =>
              /Relisted \d+ deployments on cluster prod-eu-1/.test(message),
            )
            ? true
            : undefined,
        'the relist of Deployments',
      );

      stop.abort();
      const result = await running;
      expect(result.watched?.relists).toBeGreaterThan(0);
      expect(result.watched?.events).toBeGreaterThanOrEqual(2);
      expect(euServer.requests.some(r => /secrets/.test(r.path))).toBe(false);
    });

    it('relists the watches a control plane ended all at once within the limits of lists per cluster and clusters at once', async () => {
      const servers = [euServer, usServer];
      const clusters = [
        clusterOf('prod-eu-1', euServer),
        clusterOf('prod-us-1', usServer),
      ];
      const collection = service(clusters, {
        watch: true,
        watchWindowMs: 60_000,
        clusterConcurrency: 1,
        concurrency: 2,
      });
      const stop = new AbortController();
      const runs = clusters.map(cluster =>
        collection.run(cluster, stop.signal),
      );
      await eventually(
        async () =>
          servers.every(server => server.openWatches() > 10) ? true : undefined,
        'watches on both clusters',
      );

      // Lists slow enough to overlap, if anything lets them.
      for (const server of servers) server.setLatency(30);
      const listsInFlight = (server: FakeKubeApiServer) =>
        server.requests.filter(r => r.status === 0 && !r.query.watch).length;
      let most = 0;
      let bothClustersAtOnce = false;
      const sample = setInterval(() => {
        const [eu, us] = servers.map(listsInFlight);
        most = Math.max(most, eu + us);
        bothClustersAtOnce ||= eu > 0 && us > 0;
      }, 2);
      const expired = servers.map(server => server.openWatches());
      const loggedBefore = logger.info.mock.calls.length;
      for (const server of servers) server.expireWatches();
      const relisted = (cluster: string) =>
        logger.info.mock.calls
          .slice(loggedBefore)
          .filter(([message]) =>
            new RegExp(`^Relisted \\d+ \\S+ on cluster ${cluster}:`).test(
              message,
            ),
          ).length;
      try {
        await eventually(
          async () =>
            relisted('prod-eu-1') >= expired[0] &&
            relisted('prod-us-1') >= expired[1]
              ? true
              : undefined,
          'every expired watch relisted',
        );
      } finally {
        clearInterval(sample);
        stop.abort();
      }
      const results = await Promise.all(runs);

      expect(results.map(r => r.watched?.relists)).toEqual(expired);
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(2);
      expect(bothClustersAtOnce).toBe(false);
    });

    it('ends a relist in progress, backoff included, when the run is cancelled', async () => {
      const { stop, running } = watchEu();
      await eventually(
        async () => (euServer.openWatches() > 10 ? true : undefined),
        'watches',
      );
      // The Deployments' relist keeps failing, so it backs off between tries.
      euServer.failNext(100, 500, '/apis/apps/v1/deployments');
      euServer.expireWatches();
      await eventually(
        async () =>
          euServer.requests.some(
            r => r.path === '/apis/apps/v1/deployments' && r.status === 500,
          )
            ? true
            : undefined,
        'the relist failing',
      );

      stop.abort();
      const stoppedAt = Date.now();
      const result = await running;
      expect(Date.now() - stoppedAt).toBeLessThan(1_000);
      // Cancelled is not broken: no error is counted or logged for it.
      expect(result.watched?.errors).toBe(0);
    });

    it('keeps the object count current as watches add, delete and relist objects', async () => {
      const { stop, running } = watchEu();
      const storedRows = async () => {
        const [{ n }] = await knex('cluster_objects')
          .where({ cluster: 'prod-eu-1' })
          .count({ n: '*' });
        return Number(n);
      };
      const objectCount = async () => (await store.states())[0].objectCount;
      const countBecomes = (expected: number, what: string) =>
        eventually(
          async () =>
            (await storedRows()) === expected &&
            (await objectCount()) === expected
              ? true
              : undefined,
          what,
        );
      await eventually(
        async () => (euServer.openWatches() > 10 ? true : undefined),
        'watches',
      );
      const listed = await storedRows();
      expect(await objectCount()).toBe(listed);

      const added = deployment('counted', 'payments', 'counted:1.0.0');
      euServer.apply(added);
      await countBecomes(listed + 1, 'the added Deployment counted');
      euServer.apply(deployment('counted', 'payments', 'counted:2.0.0'));
      await eventually(async () => {
        const [row] = await store.findObjects({
          clusters: ['prod-eu-1'],
          kubernetesId: 'counted',
        });
        return JSON.stringify(row.object).includes('counted:2.0.0')
          ? true
          : undefined;
      }, 'the modified Deployment');
      expect(await objectCount()).toBe(listed + 1);

      const removed = (name: string) => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'payments',
        name,
      });
      euServer.remove(removed('counted'));
      await countBecomes(listed, 'the deleted Deployment uncounted');

      // Deployments that only the relist sees: their watch has ended (410)
      // and the relist's first answers fail, so they are created meanwhile.
      euServer.failNext(2, 500, '/apis/apps/v1/deployments');
      euServer.expireWatches();
      euServer.apply(deployment('relisted-1', 'payments', 'r:1'));
      euServer.apply(deployment('relisted-2', 'payments', 'r:1'));
      await countBecomes(listed + 2, 'the relisted Deployments counted');

      stop.abort();
      await running;
    });

    it('takes in the clusters the catalog declares, and drops the data of those it no longer does', async () => {
      const scheduler = mockServices.scheduler() as SchedulerService & {
        triggerTask(id: string): Promise<void>;
      };
      let declared = [clusterOf('prod-us-1', usServer)];
      let catalogDown = false;
      const directory = new ClusterDirectory(
        [clusterOf('prod-eu-1', euServer)],
        async () => {
          if (catalogDown) throw new Error('catalog unavailable');
          return { clusters: declared, problems: [] };
        },
      );
      const collection = new ClusterCollectionService({
        clusters: directory,
        settings: settings(),
        store,
        logger,
        detectPlatform: () => [],
      });
      await collection.schedule(scheduler);
      const taskIds = async () =>
        (await scheduler.getScheduledTasks()).map(t => t.id).sort();
      // Nothing is read from the catalog while the backend starts.
      expect(await taskIds()).toEqual([
        'runtime-stack:collect-cluster:prod-eu-1',
        ClusterCollectionService.REFRESH_TASK_ID,
      ]);

      await scheduler.triggerTask(ClusterCollectionService.REFRESH_TASK_ID);
      expect(directory.names()).toEqual(['prod-eu-1', 'prod-us-1']);
      expect(await taskIds()).toContain(
        'runtime-stack:collect-cluster:prod-us-1',
      );
      await scheduler.triggerTask('runtime-stack:collect-cluster:prod-us-1');
      expect(await storedNames('prod-us-1', 'Deployment')).not.toEqual([]);

      // A catalog outage keeps the clusters and their data.
      catalogDown = true;
      await expect(collection.refreshClusters(scheduler)).rejects.toThrow(
        'catalog unavailable',
      );
      expect(directory.names()).toEqual(['prod-eu-1', 'prod-us-1']);
      expect(await storedNames('prod-us-1', 'Deployment')).not.toEqual([]);

      catalogDown = false;
      declared = [];
      await scheduler.triggerTask(ClusterCollectionService.REFRESH_TASK_ID);
      expect(directory.names()).toEqual(['prod-eu-1']);
      expect(await storedNames('prod-us-1', 'Deployment')).toEqual([]);
      const requestsBefore = usServer.requests.length;
      await scheduler.triggerTask('runtime-stack:collect-cluster:prod-us-1');
      expect(usServer.requests.length).toBe(requestsBefore);
      expect((await store.states()).map(state => state.cluster)).toEqual([]);
    });

    it.each([
      ['while it lists', { latencyMs: 20, watch: false }],
      ['while it watches', { latencyMs: 0, watch: true }],
    ])(
      'ends the run of a cluster that leaves the catalog %s, and keeps nothing it stored after',
      async (_, { latencyMs, watch }) => {
        const scheduler = mockServices.scheduler() as SchedulerService & {
          triggerTask(id: string): Promise<void>;
        };
        let declared = [clusterOf('prod-us-1', usServer)];
        const collection = new ClusterCollectionService({
          clusters: new ClusterDirectory([], async () => ({
            clusters: declared,
            problems: [],
          })),
          settings: settings({ watch, watchWindowMs: 60_000 }),
          store,
          logger,
          detectPlatform: () => [],
        });
        await collection.refreshClusters(scheduler);
        usServer.setLatency(latencyMs);
        const run = scheduler.triggerTask(
          'runtime-stack:collect-cluster:prod-us-1',
        );
        await eventually(
          async () =>
            (watch ? usServer.openWatches() > 10 : usServer.requests.length > 3)
              ? true
              : undefined,
          watch ? 'watches' : 'the list under way',
        );

        declared = [];
        await collection.refreshClusters(scheduler);
        const requestsAtLeave = usServer.requests.length;
        await run;
        // Ended, not run to its end: no list or watch started after.
        expect(usServer.requests.length - requestsAtLeave).toBeLessThanOrEqual(
          settings().concurrency,
        );
        expect(await storedNames('prod-us-1', 'Deployment')).toEqual([]);
        expect(await store.states()).toEqual([]);
        if (watch) {
          await eventually(
            async () => (usServer.openWatches() === 0 ? true : undefined),
            'the watches to close',
          );
        }
      },
    );

    it('keeps the stored clusters while a locator has never answered, and drops the undeclared ones once all have', async () => {
      const scheduler = mockServices.scheduler();
      let incomplete = true;
      let declared: ClusterDefinition[] = [];
      const collection = new ClusterCollectionService({
        clusters: new ClusterDirectory([], async () => ({
          clusters: declared,
          problems: [],
          ...(incomplete && { incomplete }),
        })),
        settings: settings(),
        store,
        logger,
        detectPlatform: () => [],
      });
      // Collected by another replica before this one started.
      const known = clusterOf('prod-us-1', usServer);
      await service([known]).run(known, new AbortController().signal);

      await collection.refreshClusters(scheduler);
      expect(await storedNames('prod-us-1', 'Deployment')).not.toEqual([]);

      // A cluster this replica saw leave goes, complete read or not.
      const leaving = clusterOf('prod-eu-1', euServer);
      declared = [leaving];
      await collection.refreshClusters(scheduler);
      await service([leaving]).run(leaving, new AbortController().signal);
      expect(await storedNames('prod-eu-1', 'Deployment')).not.toEqual([]);
      declared = [];
      await collection.refreshClusters(scheduler);
      expect(await storedNames('prod-eu-1', 'Deployment')).toEqual([]);
      expect(await storedNames('prod-us-1', 'Deployment')).not.toEqual([]);

      incomplete = false;
      await collection.refreshClusters(scheduler);
      expect(await storedNames('prod-us-1', 'Deployment')).toEqual([]);
    });

    it('drops only clusters it saw leave once it has read the catalog, not those another replica just found', async () => {
      const scheduler = mockServices.scheduler();
      const declared: ClusterDefinition[] = [];
      const collection = new ClusterCollectionService({
        clusters: new ClusterDirectory([], async () => ({
          clusters: declared,
          problems: [],
        })),
        settings: settings(),
        store,
        logger,
        detectPlatform: () => [],
      });
      await collection.refreshClusters(scheduler);
      // Another replica read the catalog a moment earlier and collected a new cluster.
      const newcomer = clusterOf('prod-us-1', usServer);
      await service([newcomer]).run(newcomer, new AbortController().signal);
      await collection.refreshClusters(scheduler);
      expect(await storedNames('prod-us-1', 'Deployment')).not.toEqual([]);
    });
  },
);
