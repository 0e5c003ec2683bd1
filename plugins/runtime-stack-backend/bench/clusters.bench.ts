/*
 * Cluster state at enterprise scale: 50 fake clusters with 100 services of
 * 20 pods each (5,000 services, 100,000 pods), served by
 * test/fake-kube-apiserver in a child process. Measures a full collection of
 * every cluster (time, peak RSS), the time from a change in a cluster's API
 * to the store through the watch, and our entity API against the Kubernetes
 * plugin's /resources/workloads/query for the same entity on the same
 * clusters, in the same run.
 *
 *   yarn bench            (from the repository root)
 */
import { ClusterDirectory } from '../src/clusters/ClusterDirectory';
import { triggerableScheduler } from '@internal/backend-test-kit';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import {
  defaultDetectionRules,
  defaultLayerModel,
  detectClusterTools,
} from '@internal/backstage-plugin-runtime-stack-common';
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ClusterCollectionService } from '../src/clusters/ClusterCollectionService';
import {
  readCollectionSettings,
  type ClusterDefinition,
} from '../src/clusters/clusterConfig';
import { ClusterSnapshotStore } from '../src/clusters/ClusterSnapshotStore';
import { migrateToLatest } from '../src/database/migrations';
import { runtimeStackPlugin } from '../src/plugin';
import {
  benchDatabases,
  fmt,
  percentiles,
  printTable,
  timed,
  quietLogger,
} from './benchUtils';

const CLUSTERS = 50;
const SERVICES_PER_CLUSTER = 100;
const PODS_PER_SERVICE = 20;
const CHANGES = 40;
const QUERIES = 20;
const ENTITY = 'svc-00042';

interface FakeCluster {
  name: string;
  url: string;
  token: string;
  /** The CA of its HTTPS certificate, base64 PEM. */
  caData: string;
  objects: number;
  pods: number;
}

function startFakeClusters(): Promise<{
  child: ChildProcess;
  clusters: FakeCluster[];
}> {
  const child = fork(
    resolve(__dirname, 'fakeClusters.ts'),
    [CLUSTERS, SERVICES_PER_CLUSTER, PODS_PER_SERVICE].map(String),
    {
      execArgv: [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
    },
  );
  return new Promise((ok, fail) => {
    child.once('error', fail);
    child.once('exit', code =>
      fail(new Error(`fake clusters exited with ${code}`)),
    );
    // The node transform uses the same channel to report loaded files.
    const onMessage = (message: any) => {
      if (message?.type !== 'ready') return;
      child.off('message', onMessage);
      ok({ child, clusters: message.clusters });
    };
    child.on('message', onMessage);
  });
}

function applyInCluster(
  child: ChildProcess,
  cluster: number,
  object: object,
  id: number,
) {
  return new Promise<void>(ok => {
    const onMessage = (message: any) => {
      if (message.type === 'applied' && message.id === id) {
        child.off('message', onMessage);
        ok();
      }
    };
    child.on('message', onMessage);
    child.send({ type: 'apply', id, cluster, object });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Peak resident set size while `fn` runs, sampled every 20 ms. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<[T, number]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await fn();
    return [result, Math.max(peak, process.memoryUsage().rss)];
  } finally {
    clearInterval(timer);
  }
}

const changedDeployment = (k: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: `bench-change-${k}`,
    namespace: 'bench',
    labels: { 'backstage.io/kubernetes-id': `bench-change-${k}` },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: `bench-change-${k}` } },
    template: {
      metadata: { labels: { app: `bench-change-${k}` } },
      spec: {
        containers: [{ name: 'app', image: `registry.example.com/bench:${k}` }],
      },
    },
  },
});

async function compareEntityApis(
  knex: any,
  definitions: ClusterDefinition[],
): Promise<string[][]> {
  const scheduler = triggerableScheduler();
  const component = (
    name: string,
    annotations: Record<string, string>,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  });
  // The same service found by its Backstage id and by a label selector.
  const byId = component(ENTITY, { 'backstage.io/kubernetes-id': ENTITY });
  const byLabel = component(`${ENTITY}-by-label`, {
    'backstage.io/kubernetes-label-selector': `app.kubernetes.io/name=${ENTITY}`,
  });
  const backend = await startTestBackend({
    features: [
      runtimeStackPlugin,
      kubernetesPlugin,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [byId, byLabel] }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: definitions.map(d => ({
                  name: d.name,
                  url: d.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: d.serviceAccountToken,
                  caData: d.caData,
                  skipMetricsLookup: true,
                })),
              },
            ],
          },
          runtimeStack: { clusters: { watch: false } },
        },
      }),
    ],
  });
  const base = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }`;
  const headers = {
    Authorization: mockCredentials.user.header(),
    'Content-Type': 'application/json',
  };
  const ours = async (name: string) => {
    const res = await fetch(
      `${base}/api/runtime-stack/entities/component/default/${name}/clusters`,
      { headers },
    );
    const body = await res.json();
    if (res.status !== 200 || body.clusters.length !== 1) {
      throw new Error(
        `our entity API answered ${res.status}: ${JSON.stringify(body).slice(
          0,
          200,
        )}`,
      );
    }
    return body.clusters[0].objects.length as number;
  };
  const theirs = async (name: string) => {
    const res = await fetch(
      `${base}/api/kubernetes/resources/workloads/query`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({
          entityRef: `component:default/${name}`,
          auth: {},
        }),
      },
    );
    const body = await res.json();
    if (res.status !== 200) {
      throw new Error(
        `workloads/query answered ${res.status}: ${JSON.stringify(body).slice(
          0,
          200,
        )}`,
      );
    }
    return (body.items as any[]).reduce(
      (sum, cluster) =>
        sum +
        cluster.resources.reduce(
          (n: number, r: any) => n + r.resources.length,
          0,
        ),
      0,
    ) as number;
  };
  // What the template form's preview asks as the user picks a cluster: the
  // last one, as the watch measurement relisted the first without detection.
  const planned = async () => {
    const res = await fetch(
      `${base}/api/runtime-stack/coverage/planned?cluster=${encodeURIComponent(
        definitions[definitions.length - 1].name,
      )}&namespace=team-001&name=new-service`,
      { headers },
    );
    const body = await res.json();
    if (res.status !== 200 || body.evidence.length === 0) {
      throw new Error(
        `coverage/planned answered ${res.status}: ${JSON.stringify(body).slice(
          0,
          200,
        )}`,
      );
    }
    return body.evidence.length as number;
  };
  try {
    const rows: string[][] = [];
    for (const [entity, found] of [
      [byId, 'by kubernetes-id'],
      [byLabel, 'by label selector'],
    ] as const) {
      const name = entity.metadata.name;
      // Warm both paths (connections, JIT) before measuring.
      const [ourObjects, theirObjects] = [await ours(name), await theirs(name)];
      const oursMs: number[] = [];
      const theirsMs: number[] = [];
      for (let q = 0; q < QUERIES; q++) {
        oursMs.push((await timed(() => ours(name)))[0]);
        theirsMs.push((await timed(() => theirs(name)))[0]);
      }
      const a = percentiles(oursMs);
      const b = percentiles(theirsMs);
      rows.push(
        [
          `entity API ${found}, ours (${ourObjects} objects, from the store)`,
          `${a.n}`,
          fmt(a.p50),
          fmt(a.p95),
          fmt(a.max),
        ],
        [
          `workloads/query ${found}, Kubernetes plugin (${theirObjects} objects, fan-out to ${definitions.length} clusters)`,
          `${b.n}`,
          fmt(b.p50),
          fmt(b.p95),
          fmt(b.max),
        ],
        [
          `ratio p50 ${found} (theirs / ours)`,
          '',
          `${(b.p50 / a.p50).toFixed(1)}x`,
          `${(b.p95 / a.p95).toFixed(1)}x`,
          '',
        ],
      );
    }
    const plannedEvidence = await planned();
    const plannedMs: number[] = [];
    for (let q = 0; q < QUERIES; q++) {
      plannedMs.push((await timed(planned))[0]);
    }
    const c = percentiles(plannedMs);
    return [
      ...rows,
      [
        `GET /coverage/planned, a new service beside 50 in a namespace (${plannedEvidence} pieces of evidence)`,
        `${c.n}`,
        fmt(c.p50),
        fmt(c.p95),
        fmt(c.max),
      ],
    ];
  } finally {
    await backend.stop();
  }
}

async function main() {
  console.log(
    `Cluster state: ${CLUSTERS} clusters x ${SERVICES_PER_CLUSTER} services x ${PODS_PER_SERVICE} pods\n`,
  );
  const [startMs, { child, clusters }] = await timed(startFakeClusters);
  const totalObjects = clusters.reduce((n, c) => n + c.objects, 0);
  const totalPods = clusters.reduce((n, c) => n + c.pods, 0);
  console.log(
    `fake clusters up in ${fmt(
      startMs,
    )}: ${totalObjects} objects, ${totalPods} pods, ${
      clusters.length * SERVICES_PER_CLUSTER
    } services`,
  );
  const definitions: ClusterDefinition[] = clusters.map(c => ({
    name: c.name,
    url: c.url,
    serviceAccountToken: c.token,
    caData: c.caData,
    skipTLSVerify: false,
  }));
  const table: string[][] = [];
  try {
    for (const db of await benchDatabases()) {
      try {
        await migrateToLatest(db.knex);
        const store = new ClusterSnapshotStore(db.knex);
        const settings = readCollectionSettings(
          new ConfigReader({ runtimeStack: { clusters: { watch: false } } }),
        );
        const collection = new ClusterCollectionService({
          clusters: new ClusterDirectory(definitions),
          settings,
          store,
          logger: quietLogger,
          detectPlatform: objects =>
            detectClusterTools(
              objects,
              defaultDetectionRules,
              defaultLayerModel,
            ),
        });

        // What the previous database's run left behind is not this one's.
        global.gc?.();
        const rssBefore = process.memoryUsage().rss;
        // As the scheduler runs them: every cluster's task at once.
        const [[collectMs, results], peakRss] = await withPeakRss(() =>
          timed(() =>
            Promise.all(
              definitions.map(d =>
                collection.run(d, new AbortController().signal),
              ),
            ),
          ),
        );
        const stored = results.reduce((n, r) => n + r.objects, 0);
        table.push([
          db.name,
          `full collection, ${CLUSTERS} clusters / ${stored} objects`,
          '1',
          fmt(collectMs),
          '',
          `peak RSS ${mb(peakRss)} (${mb(rssBefore)} before)`,
        ]);

        // A change in one cluster's API, until it is in the store.
        const watching = new ClusterCollectionService({
          clusters: new ClusterDirectory(definitions),
          settings: { ...settings, watch: true, watchWindowMs: 10 * 60_000 },
          store,
          logger: quietLogger,
          detectPlatform: () => [],
        });
        const stop = new AbortController();
        const running = watching.run(definitions[0], stop.signal);
        const inStore = async (k: number) =>
          (
            await store.findObjects({
              clusters: [definitions[0].name],
              kubernetesId: `bench-change-${k}`,
            })
          ).length > 0;
        // The first change also waits for the relist and the watches to start.
        await applyInCluster(child, 0, changedDeployment(-1), -1);
        while (!(await inStore(-1))) await new Promise(r => setTimeout(r, 5));
        const latencies: number[] = [];
        for (let k = 0; k < CHANGES; k++) {
          const started = process.hrtime.bigint();
          await applyInCluster(child, 0, changedDeployment(k), k);
          while (!(await inStore(k))) await new Promise(r => setImmediate(r));
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        stop.abort();
        await running;
        const change = percentiles(latencies);
        table.push([
          db.name,
          'change in the fake API → in the store (watch)',
          `${change.n}`,
          fmt(change.p50),
          fmt(change.p95),
          fmt(change.max),
        ]);

        // On each database: their query plans differ.
        for (const row of await compareEntityApis(db.knex, definitions)) {
          table.push([db.name, ...row]);
        }
      } finally {
        await db.dispose();
      }
    }
  } finally {
    child.send({ type: 'stop' });
  }

  const header = [
    'database',
    'measure',
    'n',
    'p50 / time',
    'p95',
    'max / memory',
  ];
  printTable(header, table);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
