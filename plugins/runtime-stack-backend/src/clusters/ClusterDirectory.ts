import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterDefinition } from './clusterConfig';

/**
 * The clusters to collect and serve: those of the config locator, fixed at
 * start, and those the catalog declares, which come and go. Config wins
 * when both name a cluster, as it is the operator's own word.
 */
export class ClusterDirectory {
  private fromCatalog: ClusterDefinition[] = [];
  private all: ClusterDefinition[];

  constructor(
    private readonly configured: ClusterDefinition[],
    private readonly readCatalog?: () => Promise<ClusterDefinition[]>,
    private readonly logger?: LoggerService,
  ) {
    this.all = configured;
  }

  /** Whether clusters come from the catalog too, so the list can change. */
  get dynamic(): boolean {
    return this.readCatalog !== undefined;
  }

  list(): ClusterDefinition[] {
    return this.all;
  }

  names(): string[] {
    return this.all.map(cluster => cluster.name);
  }

  get(name: string): ClusterDefinition | undefined {
    return this.all.find(cluster => cluster.name === name);
  }

  /**
   * Reads the catalog's clusters again. On failure the list stays as it
   * was: a catalog outage must not make clusters, and their data, vanish.
   */
  async refresh(): Promise<ClusterDefinition[]> {
    if (!this.readCatalog) return this.all;
    const taken = new Set(this.configured.map(cluster => cluster.name));
    const added: ClusterDefinition[] = [];
    for (const cluster of await this.readCatalog()) {
      if (taken.has(cluster.name)) {
        this.logger?.warn(
          `Not collecting kubernetes-cluster Resource '${cluster.name}': a cluster of that name is already configured`,
        );
        continue;
      }
      taken.add(cluster.name);
      added.push(cluster);
    }
    this.fromCatalog = added;
    this.all = [...this.configured, ...this.fromCatalog];
    return this.all;
  }
}
