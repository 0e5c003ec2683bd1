import type { EntityClusters } from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

/** Why no cluster shows the service, and what to change. */
export function clustersEmptyText(
  t: RuntimeStackT,
  value?: EntityClusters,
): string {
  // Nothing can match until the annotation is fixed: say that first.
  if (value?.selector.problem) {
    return t('entityContent.clusters.selectorProblem', {
      problem: value.selector.problem.replace(/\.$/, ''),
    });
  }
  if (value?.selector.dependsOnClusters?.length === 0) {
    return t('entityContent.clusters.noDependedClusters');
  }
  const selector =
    value?.selector.labelSelector ?? t('entityContent.clusters.thisService');
  // A service made from the template names its cluster before it runs there.
  if (value?.selector.cluster) {
    return t('entityContent.clusters.noObjectsOnCluster', {
      selector,
      cluster: value.selector.cluster,
    });
  }
  return t('entityContent.clusters.noObjects', { selector });
}
