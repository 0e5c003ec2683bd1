import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  ClusterObject,
  ToolFinding,
} from '@internal/backstage-plugin-runtime-stack-common';
import { ClusterCollector, type CollectionResult } from './ClusterCollector';
import { ConcurrencyLimit, SharedSlot } from './concurrency';
import type { ClusterDefinition, CollectionSettings } from './clusterConfig';
import type { ClusterDirectory } from './ClusterDirectory';
import type { ClusterSnapshotStore } from './ClusterSnapshotStore';
import { ClusterWatcher, type WatchStatistics } from './ClusterWatcher';
import { KubernetesClusterClient } from './KubernetesClusterClient';
import type { ClusterCredentials } from './clusterCredentials';

export interface ClusterCollectionServiceOptions {
  clusters: ClusterDirectory;
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
 * once, since each list holds its objects in memory until they are stored;
 * a watching cluster's relists take one of those turns too.
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

  static readonly REFRESH_TASK_ID = 'runtime-stack:refresh-catalog-clusters';

  private readonly scheduled = new Set<string>();
  private refreshed = false;
  /** Runs in progress on this replica, so a cluster that leaves ends its own. */
  private readonly running = new Map<string, AbortController>();

  /**
   * Schedules a task per cluster. With clusters from the catalog, each
   * replica also reads the catalog every minute, for the clusters it
   * serves and the tasks of new ones; the catalog is read in a task rather
   * than here, since it does not answer while the backend starts.
   */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const { clusters, store } = this.options;
    if (!clusters.dynamic) {
      await store.forgetClustersExcept(clusters.names());
    }
    await this.scheduleCollections(scheduler);
    if (clusters.dynamic) {
      await scheduler.scheduleTask({
        id: ClusterCollectionService.REFRESH_TASK_ID,
        scope: 'local',
        frequency: { minutes: 1 },
        timeout: { minutes: 1 },
        initialDelay: { seconds: 1 },
        fn: async () => {
          await this.refreshClusters(scheduler);
        },
      });
    }
  }

  /**
   * Takes in the catalog's clusters: new ones get their task, and the data
   * of clusters no longer declared is dropped. A failed read keeps the
   * clusters and data as they were. The first complete read drops the data
   * of clusters no longer declared; after it, only clusters this replica
   * saw leave are dropped: a replica that has not yet read a new cluster
   * must not drop what another one just collected of it.
   */
  async refreshClusters(scheduler: SchedulerService): Promise<void> {
    const { clusters, store } = this.options;
    const before = clusters.names();
    await clusters.refresh();
    const after = clusters.names();
    const left = before.filter(name => !after.includes(name));
    for (const name of left) this.running.get(name)?.abort();
    if (!this.refreshed && clusters.lastReadComplete) {
      await store.forgetClustersExcept(after);
      this.refreshed = true;
    } else {
      // What this replica saw leave is gone, complete read or not.
      await store.forgetClusters(left);
    }
    await this.scheduleCollections(scheduler);
  }

  private async scheduleCollections(scheduler: SchedulerService) {
    const { clusters, settings } = this.options;
    for (const { name } of clusters.list()) {
      if (this.scheduled.has(name)) continue;
      await scheduler.scheduleTask({
        id: ClusterCollectionService.taskId(name),
        ...settings.schedule,
        // After the schedule, which config may give a scope of its own.
        scope: 'global',
        fn: async signal => {
          // As declared now; a cluster removed from the catalog keeps its
          // task, which the scheduler cannot cancel, but is not collected.
          const cluster = clusters.get(name);
          if (cluster) {
            await this.runWhileDeclared(cluster, signal as AbortSignal);
          }
        },
      });
      // Only now: a schedule that failed is tried again at the next refresh.
      this.scheduled.add(name);
    }
  }

  /**
   * A scheduled run, ended early when the cluster leaves the catalog. What
   * it stored after the refresh dropped the cluster's data is dropped as
   * well, so a departed cluster leaves nothing behind.
   */
  private async runWhileDeclared(
    cluster: ClusterDefinition,
    signal: AbortSignal,
  ): Promise<void> {
    const { clusters, store } = this.options;
    const left = new AbortController();
    this.running.set(cluster.name, left);
    try {
      await this.run(cluster, AbortSignal.any([signal, left.signal]));
    } catch (error) {
      if (!left.signal.aborted) throw error;
    } finally {
      this.running.delete(cluster.name);
      if (!clusters.get(cluster.name)) {
        await store.forgetClusters([cluster.name]);
      }
    }
  }

  /** One run for one cluster: a full list, then watches for the window. */
  async run(
    cluster: ClusterDefinition,
    signal: AbortSignal,
  ): Promise<CollectionResult & { watched?: WatchStatistics }> {
    const { settings, store, logger } = this.options;
    const client = this.clientFor(cluster);
    try {
      // A run cancelled while it waits for its turn leaves the queue.
      const result = await this.fullLists.run(
        () => this.collector.collect(client, signal),
        signal,
      );
      await this.options.onCollected?.(cluster.name);
      if (!settings.watch || settings.watchWindowMs <= 0 || signal.aborted) {
        return result;
      }
      const window = AbortSignal.any([
        signal,
        AbortSignal.timeout(settings.watchWindowMs),
      ]);
      // Relists count as this cluster listing, under the same limits as
      // its full list: a control plane that restarts ends every watch at
      // once, and unbounded relists would hold every list in memory.
      const relists = new SharedSlot(this.fullLists, settings.concurrency);
      const watched = await new ClusterWatcher(
        client,
        store,
        logger,
        (list, until) => relists.run(list, until),
      ).watch(result.watchFrom, window);
      return { ...result, watched };
    } finally {
      client.close();
    }
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
