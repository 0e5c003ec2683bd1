import type { Entity } from '@backstage/catalog-model';

export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
export const KUBERNETES_CLUSTER_ANNOTATION = 'backstage.io/kubernetes-cluster';

export interface EntitySelector {
  labelSelector: string;
  /** Set when the selector is exactly `backstage.io/kubernetes-id=<id>`, which the store indexes. */
  kubernetesId?: string;
  namespace?: string;
  cluster?: string;
}

/**
 * How the Kubernetes plugin finds an entity's objects: the label selector
 * annotation, else `backstage.io/kubernetes-id=<id or entity name>`,
 * narrowed to a namespace and, as its single-tenant locator does, a cluster.
 */
export function entitySelectorOf(entity: Entity): EntitySelector {
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations[KUBERNETES_ID_ANNOTATION] || entity.metadata.name;
  const explicit = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim();
  const labelSelector = explicit || `${KUBERNETES_ID_ANNOTATION}=${id}`;
  const byId = /^backstage\.io\/kubernetes-id\s*==?\s*([\w.-]+)$/.exec(
    labelSelector,
  );
  return {
    labelSelector,
    ...(byId ? { kubernetesId: byId[1] } : {}),
    ...(annotations[KUBERNETES_NAMESPACE_ANNOTATION]
      ? { namespace: annotations[KUBERNETES_NAMESPACE_ANNOTATION] }
      : {}),
    ...(annotations[KUBERNETES_CLUSTER_ANNOTATION]
      ? { cluster: annotations[KUBERNETES_CLUSTER_ANNOTATION] }
      : {}),
  };
}
