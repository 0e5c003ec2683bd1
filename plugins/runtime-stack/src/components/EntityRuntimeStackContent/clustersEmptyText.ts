import type { EntityClusters } from '@internal/backstage-plugin-runtime-stack-common';

/** Why no cluster shows the service, and what to change. */
export function clustersEmptyText(value?: EntityClusters): string {
  if (value?.selector.dependsOnClusters?.length === 0) {
    return 'The Kubernetes plugin is set to look only on the clusters a service depends on (serviceLocatorMethod catalogRelation), and this one depends on none: add the cluster to spec.dependsOn, for example resource:prod-eu-1, as a Resource named like the cluster.';
  }
  return `No objects match ${
    value?.selector.labelSelector ?? 'this service'
  } on any collected cluster. Label the workloads with backstage.io/kubernetes-id, or set backstage.io/kubernetes-label-selector.`;
}
