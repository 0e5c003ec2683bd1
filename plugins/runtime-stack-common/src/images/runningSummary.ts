import type { ServiceImage } from './imageViews';

/**
 * Where an image runs, said per cluster: pods counted once however many of
 * their containers run it.
 *
 * @public
 */
export interface RunningSummary {
  clusters: Array<{ cluster: string; pods: number }>;
  containers: string[];
  /** The distinct digests the nodes resolved, in the order first seen. */
  digests: string[];
  /** Containers whose status carried no digest yet (not started, or pulling). */
  withoutDigest: number;
}

/**
 * Where an image runs, from its one entry per container (a sidecar and its
 * init container share pods).
 *
 * @public
 */
export function runningSummary(
  running: ServiceImage['running'],
): RunningSummary {
  const podsByCluster = new Map<string, Set<string>>();
  const containers = new Set<string>();
  const digests = new Set<string>();
  let withoutDigest = 0;
  for (const entry of running) {
    const pods = podsByCluster.get(entry.cluster) ?? new Set<string>();
    pods.add(`${entry.namespace}/${entry.pod}`);
    podsByCluster.set(entry.cluster, pods);
    containers.add(entry.container);
    if (entry.digest) digests.add(entry.digest);
    else withoutDigest += 1;
  }
  return {
    clusters: [...podsByCluster].map(([cluster, pods]) => ({
      cluster,
      pods: pods.size,
    })),
    containers: [...containers],
    digests: [...digests],
    withoutDigest,
  };
}

/**
 * `sha256:` and the first 12 hex digits, as registries and `crictl` show
 * digests.
 *
 * @public
 */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':')
    ? digest.split(':', 2)
    : ['', digest];
  return `${algorithm ? `${algorithm}:` : ''}${hex.slice(0, 12)}`;
}
