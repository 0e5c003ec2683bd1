import type { ClusterFreshness } from '@internal/backstage-plugin-runtime-stack-common';

/**
 * What a cluster's data is worth, in words: a failing collection is named
 * even while its last good data is still fresh, so the label never says
 * "current" beside an error.
 */
export function freshnessLabel(cluster: ClusterFreshness): string {
  if (!cluster.lastSuccessAt) {
    return cluster.lastError ? 'failing, no data yet' : 'not collected yet';
  }
  if (cluster.lastError) return 'failing, showing last good data';
  return cluster.stale ? 'stale' : 'current';
}
