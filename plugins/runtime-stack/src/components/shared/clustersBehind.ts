import type { EntityClusters } from '@internal/backstage-plugin-runtime-stack-common';

/**
 * A cluster of the service whose data the coverage may be behind on:
 * `failing` (its last collection failed; the last good data is used),
 * `stale` (older than the backend's `staleAfter`), or `unavailable` (never
 * collected, or failing without any data: its workloads are not counted).
 */
export interface ClusterBehind {
  cluster: string;
  problem: 'failing' | 'stale' | 'unavailable';
  /** Why the last collection failed. */
  message?: string;
  /** How old the data used is. */
  ageSeconds?: number;
}

/** The service's clusters whose data the coverage may be behind on. */
export function clustersBehind(clusters: EntityClusters): ClusterBehind[] {
  const shown: ClusterBehind[] = clusters.clusters.flatMap(
    (c): ClusterBehind[] => {
      const age =
        c.ageSeconds === undefined ? {} : { ageSeconds: c.ageSeconds };
      if (c.lastError) {
        return [
          {
            cluster: c.cluster,
            problem: 'failing',
            message: c.lastError,
            ...age,
          },
        ];
      }
      return c.stale ? [{ cluster: c.cluster, problem: 'stale', ...age }] : [];
    },
  );
  const unavailable: ClusterBehind[] = clusters.unavailable.map(u => ({
    cluster: u.cluster,
    problem: 'unavailable',
    ...(u.lastError ? { message: u.lastError } : {}),
  }));
  return [...shown, ...unavailable];
}
