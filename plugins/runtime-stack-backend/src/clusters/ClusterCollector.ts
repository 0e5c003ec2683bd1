import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterObject,
  ToolFinding,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  CRD_RESOURCE,
  customResourcesFromCrds,
  type ResourceType,
} from './collectedResources';
import type { ClusterSnapshotStore } from './ClusterSnapshotStore';
import {
  ClusterRequestError,
  type KubernetesClusterClient,
} from './KubernetesClusterClient';
import { mapUntilFailure } from './concurrency';
import { trimObject } from './trimObject';

/** A resource that was listed, and the resourceVersion to watch it from. */
export interface WatchStart {
  resource: ResourceType;
  resourceVersion: string;
}

export interface CollectionResult {
  objects: number;
  warnings: string[];
  watchFrom: WatchStart[];
}

export interface ClusterCollectorOptions {
  store: ClusterSnapshotStore;
  logger: LoggerService;
  /** Lists in flight per cluster. */
  concurrency: number;
  /** The built-in resources to list, after the settings' exclusions. */
  resources: ResourceType[];
  /** Custom resources wanted when the cluster has their CRD, as `plural.group`. */
  customResources: Set<string>;
  detectPlatform: (objects: ClusterObject[]) => ToolFinding[];
}

// A resource the service account may not read, or a kind this cluster does
// not serve, leaves a gap in the snapshot; anything else fails the attempt.
const isGap = (error: unknown) =>
  error instanceof ClusterRequestError &&
  (error.status === 403 || error.status === 404);

// The scheduler aborts without a reason, so its message would say nothing.
const CANCELLED =
  'collection cancelled before it finished (the run timed out, the backend stopped, or the cluster left the catalog)';

/**
 * Lists one cluster into the store. A cluster that fails keeps its last good
 * snapshot and records why; other clusters are not affected.
 */
export class ClusterCollector {
  constructor(private readonly options: ClusterCollectorOptions) {}

  /**
   * Lists the cluster and stores it as its new snapshot. When `signal`
   * aborts (the run's timeout, the backend stopping, the cluster leaving
   * the catalog), the requests in flight end, the last snapshot stays, and
   * the promise rejects with the signal's reason.
   */
  async collect(
    client: KubernetesClusterClient,
    signal: AbortSignal,
  ): Promise<CollectionResult> {
    const { store, logger, concurrency } = this.options;
    const cluster = client.cluster.name;
    const startedAt = new Date();
    await store.recordAttempt(cluster, startedAt);
    const warnings: string[] = [];
    const watchFrom: WatchStart[] = [];

    const listOrGap = async (resource: ResourceType, until: AbortSignal) => {
      try {
        const list = await client.listAll(resource, trimObject, until);
        if (list.resourceVersion) {
          watchFrom.push({ resource, resourceVersion: list.resourceVersion });
        }
        return list.items;
      } catch (error) {
        if (!isGap(error)) throw error;
        warnings.push((error as Error).message);
        return [];
      }
    };

    try {
      const serverVersion = await client.serverVersion(signal);
      const crds = await listOrGap(CRD_RESOURCE, signal);
      const resources = [
        ...this.options.resources,
        ...customResourcesFromCrds(crds, this.options.customResources),
      ];
      // A failed list fails the attempt: the others stop rather than list
      // on, unbounded by the clusters listed at once, for nothing.
      const lists = await mapUntilFailure(
        resources,
        concurrency,
        listOrGap,
        signal,
      );
      const objects: ClusterObject[] = [...crds, ...lists.flat()];
      await store.replaceSnapshot(cluster, {
        objects,
        collectedAt: startedAt,
        warnings,
        serverVersion,
        platformTools: this.options.detectPlatform(objects),
      });
      logger.info(
        `Collected ${objects.length} objects from cluster ${cluster} in ${
          Date.now() - startedAt.getTime()
        } ms${warnings.length ? ` with ${warnings.length} gap(s)` : ''}`,
      );
      return { objects: objects.length, warnings, watchFrom };
    } catch (error) {
      const message = signal.aborted ? CANCELLED : (error as Error).message;
      await store.recordFailure(cluster, message, new Date());
      logger.warn(
        `Collection of cluster ${cluster} failed, keeping its last snapshot: ${message}`,
      );
      throw error;
    }
  }
}
