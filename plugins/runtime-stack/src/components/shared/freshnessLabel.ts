import type { ClusterFreshness } from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

/**
 * What a cluster's data is worth, in words: a failing collection is named
 * even while its last good data is still fresh, so the label never says
 * "current" beside an error.
 */
export function freshnessLabel(
  t: RuntimeStackT,
  cluster: ClusterFreshness,
): string {
  if (!cluster.lastSuccessAt) {
    return cluster.lastError
      ? t('freshness.failingNoData')
      : t('freshness.notCollected');
  }
  if (cluster.lastError) return t('freshness.failing');
  return cluster.stale ? t('freshness.stale') : t('freshness.current');
}
