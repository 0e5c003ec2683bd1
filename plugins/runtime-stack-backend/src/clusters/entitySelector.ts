import {
  parseEntityRef,
  RELATION_DEPENDS_ON,
  type Entity,
} from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { ECOSYSTEM_ANNOTATIONS } from '@internal/backstage-plugin-runtime-stack-common';
import { parseLabelSelector } from '@internal/backstage-plugin-runtime-stack-common';

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
  /**
   * Why the selector cannot be read, naming the annotation it comes from.
   * It then matches no objects: the Kubernetes API refuses it too, and a
   * guess at what it meant could give the service another's workloads.
   */
  problem?: string;
  namespace?: string;
  cluster?: string;
  /**
   * With the `catalogRelation` service locator: the clusters the entity
   * depends on, as Resources named like them. Empty means none.
   */
  dependsOnClusters?: string[];
}

/** The Kubernetes plugin's `kubernetes.serviceLocatorMethod.type`. */
export type ServiceLocatorMethod =
  | 'multiTenant'
  | 'singleTenant'
  | 'catalogRelation';

/**
 * The names of the Resources in the entity's namespace it depends on: the
 * Kubernetes plugin's `catalogRelation` locator takes those named like a
 * cluster as the entity's clusters.
 */
function dependedOnResources(entity: Entity): string[] {
  const namespace = entity.metadata.namespace ?? 'default';
  return (entity.relations ?? []).flatMap(relation => {
    if (relation.type !== RELATION_DEPENDS_ON) return [];
    const ref = parseEntityRef(relation.targetRef);
    return ref.kind.toLocaleLowerCase('en-US') === 'resource' &&
      ref.namespace === namespace
      ? [ref.name]
      : [];
  });
}

/** Why the selector, from `annotation`, cannot be read; undefined if it can. */
function problemOf(labelSelector: string, annotation: string) {
  try {
    parseLabelSelector(labelSelector);
    return undefined;
  } catch (error) {
    if (!isError(error) || error.name !== 'InputError') throw error;
    return `The ${annotation} annotation cannot be read, so it matches no objects: ${error.message}`;
  }
}

/**
 * How the Kubernetes plugin finds an entity's objects: the label selector
 * annotation, else `backstage.io/kubernetes-id=<id or entity name>`,
 * narrowed to a namespace and, as its single-tenant locator does, a cluster;
 * with the `catalogRelation` locator, to the clusters it depends on.
 */
export function entitySelectorOf(
  entity: Entity,
  serviceLocator: ServiceLocatorMethod = 'multiTenant',
): EntitySelector {
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations[kubernetesId] || entity.metadata.name;
  const explicit = annotations[kubernetesLabelSelector]?.trim();
  const labelSelector = explicit || `${kubernetesId}=${id}`;
  const byId = /^backstage\.io\/kubernetes-id\s*==?\s*([\w.-]+)$/.exec(
    labelSelector,
  );
  const problem = byId
    ? undefined
    : problemOf(
        labelSelector,
        explicit ? kubernetesLabelSelector : kubernetesId,
      );
  return {
    labelSelector,
    ...(byId ? { kubernetesId: byId[1] } : {}),
    ...(problem ? { problem } : {}),
    ...(annotations[kubernetesNamespace]
      ? { namespace: annotations[kubernetesNamespace] }
      : {}),
    ...(annotations[kubernetesCluster]
      ? { cluster: annotations[kubernetesCluster] }
      : {}),
    ...(serviceLocator === 'catalogRelation'
      ? { dependsOnClusters: dependedOnResources(entity) }
      : {}),
  };
}
