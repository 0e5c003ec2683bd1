import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ClusterSnapshotStore } from '../clusters/ClusterSnapshotStore';
import type { ClusterDirectory } from '../clusters/ClusterDirectory';
import type {
  RegistryCollectionResult,
  RegistryCollector,
} from './RegistryCollector';
import type { ImageSettings } from './registryConfig';
import { declaredImageReferences } from './declaredImages';
import { templateImagesOf } from './runningImages';

/** ReplicaSets and Jobs too: during a rollout, the old ReplicaSet's tag still runs. */
const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'ReplicaSet',
  'Job',
];

/**
 * Reads, on the scheduler, the registries behind every image the clusters
 * run and the catalog declares. One task for all registries: repositories
 * are shared between services and clusters, and read once.
 */
export class ImageCollectionService {
  static readonly TASK_ID = 'runtime-stack:collect-registry-images';

  constructor(
    private readonly options: {
      collector: RegistryCollector;
      clusterStore: ClusterSnapshotStore;
      clusters: Pick<ClusterDirectory, 'names'>;
      catalog: CatalogService;
      auth: AuthService;
      settings: ImageSettings;
      logger: LoggerService;
      /** Called after each collection of the registries, with what it did. */
      onCollected?: (result: RegistryCollectionResult) => Promise<void>;
    },
  ) {}

  async schedule(scheduler: SchedulerService): Promise<void> {
    if (this.options.settings.registries.length === 0) {
      this.options.logger.info(
        'No registries under runtimeStack.images.registries: images are shown as the clusters report them',
      );
      // No run will prune the tags read while registries were configured:
      // each start does, once they are as old as a run would let them be.
      await this.options.collector.removeUnused([], new Date());
      return;
    }
    await scheduler.scheduleTask({
      id: ImageCollectionService.TASK_ID,
      ...this.options.settings.schedule,
      // After the schedule, which config may give a scope of its own.
      scope: 'global',
      fn: async (signal: AbortSignal) => {
        await this.run(signal);
      },
    });
  }

  /** `signal`: the task's, at its timeout or on shutdown. */
  async run(signal?: AbortSignal) {
    const result = await this.options.collector.collect(
      await this.referencesInUse(),
      signal,
    );
    await this.options.onCollected?.(result);
    return result;
  }

  /** Images in the clusters' workload templates and in catalog annotations. */
  async referencesInUse(): Promise<string[]> {
    const { clusterStore, clusters, catalog, auth } = this.options;
    const running = new Set<string>();
    // A cluster at a time: what is held is the largest cluster's workloads,
    // not the estate's.
    for (const cluster of clusters.names()) {
      const workloads = await clusterStore.findObjects({
        clusters: [cluster],
        kinds: WORKLOAD_KINDS,
      });
      for (const image of templateImagesOf(workloads.map(w => w.object))) {
        running.add(image);
      }
    }
    // Components and Systems carry the annotation; only it is fetched.
    const { items } = await catalog.getEntities(
      {
        filter: [{ kind: 'component' }, { kind: 'system' }],
        fields: ['metadata.annotations'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const declared = items.flatMap(entity =>
      declaredImageReferences(entity, this.options.settings),
    );
    return [...new Set([...running, ...declared])];
  }
}
