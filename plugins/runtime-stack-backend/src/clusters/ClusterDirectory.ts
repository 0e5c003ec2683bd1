import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogClusters } from './catalogClusters';
import type { ClusterDefinition } from './clusterConfig';

/**
 * The clusters to collect and serve: those of the config locator, fixed at
 * start, and those the catalog declares, which come and go. Config wins
 * when both name a cluster, as it is the operator's own word.
 */
export class ClusterDirectory {
  private all: ClusterDefinition[];
  /** Problems already logged, so a refresh a minute warns only of new ones. */
  private reported = new Set<string>();

  constructor(
    private readonly configured: ClusterDefinition[],
    private readonly readCatalog?: () => Promise<CatalogClusters>,
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
    const { clusters, problems } = await this.readCatalog();
    const taken = new Set(this.configured.map(cluster => cluster.name));
    const added: ClusterDefinition[] = [];
    for (const cluster of clusters) {
      if (taken.has(cluster.name)) {
        problems.push(
          `Not collecting kubernetes-cluster Resource '${cluster.name}': a cluster of that name is already configured`,
        );
        continue;
      }
      taken.add(cluster.name);
      added.push(cluster);
    }
    for (const problem of problems) {
      if (!this.reported.has(problem)) this.logger?.warn(problem);
    }
    this.reported = new Set(problems);
    this.all = [...this.configured, ...added];
    return this.all;
  }
}
