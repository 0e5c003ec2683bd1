import type { EntityClusters } from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

/** Why no cluster shows the service, and what to change. */
export function clustersEmptyText(
  t: RuntimeStackT,
  value?: EntityClusters,
): string {
  if (value?.selector.dependsOnClusters?.length === 0) {
    return t('entityContent.clusters.noDependedClusters');
  }
  return t('entityContent.clusters.noObjects', {
    selector:
      value?.selector.labelSelector ?? t('entityContent.clusters.thisService'),
  });
}
