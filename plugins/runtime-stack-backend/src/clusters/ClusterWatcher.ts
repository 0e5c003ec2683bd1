import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterObject } from '@internal/backstage-plugin-runtime-stack-common';
import type { WatchStart } from './ClusterCollector';
import { apiVersionOf, type ResourceType } from './collectedResources';
import type { ClusterSnapshotStore } from './ClusterSnapshotStore';
import { abortableSleep } from '../http/retryDelay';
import type {
  KubernetesClusterClient,
  WatchEvent,
} from './KubernetesClusterClient';
import { trimObject } from './trimObject';

const MAX_BACKOFF_MS = 30_000;
// Servers end a watch after a while anyway; asking for it keeps streams from
// outliving a proxy's idle timeout.
const MAX_WATCH_SECONDS = 300;

/**
 * Runs `list` when the collection's limits allow one more list: a relist
 * holds its objects in memory until they are stored, as a full list does.
 */
export type ListTurn = <T>(
  list: () => Promise<T>,
  signal: AbortSignal,
) => Promise<T>;

export interface WatchStatistics {
  events: number;
  relists: number;
  errors: number;
}

/**
 * Keeps one cluster's stored objects current between two full collections:
 * a watch per listed resource from the list's resourceVersion, each event
 * written to the store as it arrives, a relist when the server answers
 * 410 Gone, and a resume with backoff when a stream breaks. A control
 * plane that restarts ends every watch at once; the relists then wait for
 * their turn rather than all list together.
 */
export class ClusterWatcher {
  private readonly statistics: WatchStatistics = {
    events: 0,
    relists: 0,
    errors: 0,
  };

  constructor(
    private readonly client: KubernetesClusterClient,
    private readonly store: ClusterSnapshotStore,
    private readonly logger: LoggerService,
    private readonly listTurn: ListTurn,
    private readonly backoffMs = 1_000,
  ) {}

  /** Watches every resource until `signal` aborts. */
  async watch(
    starts: WatchStart[],
    signal: AbortSignal,
  ): Promise<WatchStatistics> {
    await Promise.all(starts.map(start => this.watchResource(start, signal)));
    return { ...this.statistics };
  }

  private async watchResource(
    { resource, resourceVersion }: WatchStart,
    signal: AbortSignal,
  ): Promise<void> {
    const cluster = this.client.cluster.name;
    // Advanced by every event, so a broken stream resumes where it stopped.
    const position = { resourceVersion };
    const onEvent = async (event: WatchEvent) => {
      position.resourceVersion =
        (await this.apply(resource, event)) ?? position.resourceVersion;
    };
    let backoff = this.backoffMs;
    while (!signal.aborted) {
      try {
        const outcome = await this.client.watch(
          resource,
          position.resourceVersion,
          { signal, timeoutSeconds: MAX_WATCH_SECONDS },
          onEvent,
        );
        if (outcome === 'gone' && !signal.aborted) {
          position.resourceVersion = await this.relist(resource, signal);
        }
        // Only once the watch, and the relist it asked for, worked: a relist
        // that fails after every 410 waits longer each time, as any failure
        // does, rather than listing everything again every second.
        backoff = this.backoffMs;
      } catch (error) {
        // A relist cut short by the window closing is how watching ends.
        if (signal.aborted) break;
        this.statistics.errors++;
        this.logger.warn(
          `Watch of ${
            resource.plural
          } on cluster ${cluster} broke, resuming in ${backoff} ms: ${
            (error as Error).message
          }`,
        );
        await abortableSleep(backoff, signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Writes one event to the store; returns the resourceVersion it brings. */
  private async apply(
    resource: ResourceType,
    event: WatchEvent,
  ): Promise<string | undefined> {
    const version: string | undefined = event.object?.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') return version;
    const object: ClusterObject = trimObject({
      apiVersion: apiVersionOf(resource),
      kind: resource.kind,
      ...event.object,
    });
    const cluster = this.client.cluster.name;
    if (event.type === 'DELETED') {
      await this.store.deleteObject(cluster, object);
    } else {
      await this.store.upsertObject(cluster, object);
    }
    this.statistics.events++;
    return version;
  }

  private async relist(
    resource: ResourceType,
    signal: AbortSignal,
  ): Promise<string> {
    const cluster = this.client.cluster.name;
    // The turn lasts until the objects are stored and no longer held here.
    const { count, resourceVersion } = await this.listTurn(async () => {
      const list = await this.client.listAll(resource, trimObject, signal);
      await this.store.replaceResource(
        cluster,
        { apiVersion: apiVersionOf(resource), kind: resource.kind },
        list.items,
      );
      return {
        count: list.items.length,
        resourceVersion: list.resourceVersion,
      };
    }, signal);
    this.statistics.relists++;
    this.logger.info(
      `Relisted ${count} ${resource.plural} on cluster ${cluster}: its watch was too old (410 Gone)`,
    );
    return resourceVersion ?? '0';
  }
}
