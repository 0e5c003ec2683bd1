import type { Entity } from '@backstage/catalog-model';

import { ECOSYSTEM_ANNOTATIONS } from '@internal/backstage-plugin-runtime-stack-common';

const {
  kubernetesId,
  kubernetesLabelSelector,
  kubernetesNamespace,
  kubernetesCluster,
} = ECOSYSTEM_ANNOTATIONS;

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
  const id = annotations[kubernetesId] || entity.metadata.name;
  const explicit = annotations[kubernetesLabelSelector]?.trim();
  const labelSelector = explicit || `${kubernetesId}=${id}`;
  const byId = /^backstage\.io\/kubernetes-id\s*==?\s*([\w.-]+)$/.exec(
    labelSelector,
  );
  return {
    labelSelector,
    ...(byId ? { kubernetesId: byId[1] } : {}),
    ...(annotations[kubernetesNamespace]
      ? { namespace: annotations[kubernetesNamespace] }
      : {}),
    ...(annotations[kubernetesCluster]
      ? { cluster: annotations[kubernetesCluster] }
      : {}),
  };
}
