import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  ClusterObject,
  ToolFinding,
} from '@internal/backstage-plugin-runtime-stack-common';
import { ClusterCollector, type CollectionResult } from './ClusterCollector';
import { ConcurrencyLimit } from './concurrency';
import type { ClusterDefinition, CollectionSettings } from './clusterConfig';
import type { ClusterSnapshotStore } from './ClusterSnapshotStore';
import { ClusterWatcher, type WatchStatistics } from './ClusterWatcher';
import { KubernetesClusterClient } from './KubernetesClusterClient';
import type { ClusterCredentials } from './clusterCredentials';

export interface ClusterCollectionServiceOptions {
  clusters: ClusterDefinition[];
  settings: CollectionSettings;
  store: ClusterSnapshotStore;
  logger: LoggerService;
  /** Signs in to clusters whose authProvider is not serviceAccount. */
  credentials?: ClusterCredentials;
  detectPlatform: (objects: ClusterObject[]) => ToolFinding[];
  /** Called after each full collection of a cluster, before its watches. */
  onCollected?: (cluster: string) => Promise<void>;
}

/**
 * Collects every configured cluster as its own scheduled task, so backend
 * replicas share the clusters between them and no cluster is collected by
 * two at once. Each run lists the cluster, then watches it until shortly
 * before the next run. One process lists a bounded number of clusters at
 * once, since each list holds its objects in memory until they are stored.
 */
export class ClusterCollectionService {
  private readonly collector: ClusterCollector;
  private readonly fullLists: ConcurrencyLimit;

  constructor(private readonly options: ClusterCollectionServiceOptions) {
    const { settings, store, logger, detectPlatform } = options;
    this.collector = new ClusterCollector({
      store,
      logger,
      concurrency: settings.concurrency,
      resources: settings.resources,
      customResources: settings.customResources,
      detectPlatform,
    });
    this.fullLists = new ConcurrencyLimit(settings.clusterConcurrency);
  }

  static taskId(cluster: string) {
    return `runtime-stack:collect-cluster:${cluster}`;
  }

  async schedule(scheduler: SchedulerService): Promise<void> {
    const { clusters, settings, store } = this.options;
    await store.forgetClustersExcept(clusters.map(c => c.name));
    for (const cluster of clusters) {
      await scheduler.scheduleTask({
        id: ClusterCollectionService.taskId(cluster.name),
        scope: 'global',
        ...settings.schedule,
        fn: async signal => {
          await this.run(cluster, signal as AbortSignal);
        },
      });
    }
  }

  /** One run for one cluster: a full list, then watches for the window. */
  async run(
    cluster: ClusterDefinition,
    signal: AbortSignal,
  ): Promise<CollectionResult & { watched?: WatchStatistics }> {
    const { settings, store, logger } = this.options;
    const client = this.clientFor(cluster);
    const result = await this.fullLists.run(() => {
      // A run that waited for its turn may have been cancelled meanwhile.
      signal.throwIfAborted();
      return this.collector.collect(client);
    });
    await this.options.onCollected?.(cluster.name);
    if (!settings.watch || settings.watchWindowMs <= 0 || signal.aborted) {
      return result;
    }
    const window = AbortSignal.any([
      signal,
      AbortSignal.timeout(settings.watchWindowMs),
    ]);
    const watched = await new ClusterWatcher(client, store, logger).watch(
      result.watchFrom,
      window,
    );
    return { ...result, watched };
  }

  clientFor(cluster: ClusterDefinition): KubernetesClusterClient {
    const { settings, credentials } = this.options;
    return new KubernetesClusterClient(
      cluster,
      {
        requestTimeoutMs: settings.requestTimeoutMs,
        pageSize: settings.pageSize,
      },
      credentials,
    );
  }
}
