import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterDefinition, LocatedClusters } from './clusterConfig';

/**
 * The clusters to collect and serve: those of the config locator, fixed at
 * start, and those the catalog declares or GKE lists, which come and go.
 * Config wins when both name a cluster, as it is the operator's own word.
 */
export class ClusterDirectory {
  private all: ClusterDefinition[];
  /** Problems already logged, so a refresh a minute warns only of new ones. */
  private reported = new Set<string>();
  private complete = true;

  constructor(
    private readonly configured: ClusterDefinition[],
    private readonly readLocated?: () => Promise<LocatedClusters>,
    private readonly logger?: LoggerService,
  ) {
    this.all = configured;
  }

  /** Whether clusters come from the catalog or GKE too, so the list can change. */
  get dynamic(): boolean {
    return this.readLocated !== undefined;
  }

  /**
   * Whether the last read heard from every locator: if not, a cluster
   * missing from the list may still exist.
   */
  get lastReadComplete(): boolean {
    return this.complete;
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
   * Reads the catalog's and GKE's clusters again. On failure the list stays as it
   * was: a catalog outage must not make clusters, and their data, vanish.
   */
  async refresh(): Promise<ClusterDefinition[]> {
    if (!this.readLocated) return this.all;
    const { clusters, problems, incomplete } = await this.readLocated();
    this.complete = !incomplete;
    const taken = new Set(this.configured.map(cluster => cluster.name));
    const added: ClusterDefinition[] = [];
    for (const cluster of clusters) {
      if (taken.has(cluster.name)) {
        problems.push(
          `Not collecting ${
            cluster.origin
              ? `cluster '${cluster.name}' of ${cluster.origin}`
              : `kubernetes-cluster Resource '${cluster.name}'`
          }: a cluster of that name is already ${
            this.configured.some(c => c.name === cluster.name)
              ? 'configured'
              : 'collected'
          }`,
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

/**
 * One read of several locators' clusters, or undefined when there are
 * none. One that fails fails the read, so the list stays as it was.
 */
export function combineLocated(
  reads: Array<(() => Promise<LocatedClusters>) | undefined>,
): (() => Promise<LocatedClusters>) | undefined {
  const present = reads.filter(
    (read): read is () => Promise<LocatedClusters> => read !== undefined,
  );
  if (present.length === 0) return undefined;
  return async () => {
    const results = await Promise.all(present.map(read => read()));
    return {
      clusters: results.flatMap(result => result.clusters),
      problems: results.flatMap(result => result.problems),
      ...(results.some(result => result.incomplete) && { incomplete: true }),
    };
  };
}
