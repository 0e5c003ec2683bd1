import type {
  EffectiveOwner,
  OwnershipOrigin,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';
import type { EntityScopeKind } from '../shared/entityScope';

const sameRef = (ref: string) => ref;

/** Whether an origin's `ref` is an entity's, which the catalog names. */
export const isEntityOrigin = (origin: OwnershipOrigin) =>
  origin.kind === 'component' || origin.kind === 'system';

/**
 * The scope an owner comes from, in words: a cluster or environment by its
 * name, an entity by `titleOf` its ref (the catalog's title, not the ref).
 */
export function originScopeText(
  t: RuntimeStackT,
  origin: OwnershipOrigin,
  titleOf: (entityRef: string) => string = sameRef,
): string {
  if (origin.kind === 'cluster') {
    return t('entityContent.owners.clusterScope', { name: origin.ref });
  }
  if (origin.kind === 'environment') {
    return t('entityContent.owners.environmentScope', { name: origin.ref });
  }
  return isEntityOrigin(origin) ? titleOf(origin.ref) : origin.ref;
}

/**
 * Where an effective owner comes from, in words: people need to know whether
 * to change it here or ask the System or platform team.
 */
export function describeOwnerOrigin(
  t: RuntimeStackT,
  owner: EffectiveOwner,
  /** The scope of the tab's own entity: its records read as "this …". */
  ownScope: EntityScopeKind = 'component',
  /** An entity's title by its ref. */
  titleOf: (entityRef: string) => string = sameRef,
): string {
  const { kind, source } = owner.inheritedFrom;
  const layerWide = owner.via === 'layer';
  if (kind === 'organization') {
    return layerWide
      ? t('entityContent.owners.organisationLayer')
      : t('entityContent.owners.organisation');
  }
  const annotation = source === 'annotation';
  if (kind === ownScope) {
    const scope =
      ownScope === 'system' ? t('scope.system') : t('scope.component');
    if (annotation) {
      return layerWide
        ? t('entityContent.owners.ownAnnotationLayer', { scope })
        : t('entityContent.owners.ownAnnotation', { scope });
    }
    return layerWide ? t('entityContent.owners.ownLayer', { scope }) : scope;
  }
  const scope = originScopeText(t, owner.inheritedFrom, titleOf);
  if (annotation) {
    return layerWide
      ? t('entityContent.owners.inheritedAnnotationLayer', { scope })
      : t('entityContent.owners.inheritedAnnotation', { scope });
  }
  return layerWide
    ? t('entityContent.owners.inheritedLayer', { scope })
    : t('entityContent.owners.inherited', { scope });
}

/**
 * The clusters an owner holds on, in words, when it holds on some of the
 * service's clusters only: an organisation or environment owner beside a
 * cluster's own reads as the whole service's otherwise. Nothing when its
 * origin is that one cluster, whose name it already says.
 */
export function ownerClustersText(
  t: RuntimeStackT,
  owner: EffectiveOwner,
): string | undefined {
  const clusters = owner.clusters ?? [];
  const { kind, ref } = owner.inheritedFrom;
  if (
    clusters.length === 0 ||
    (kind === 'cluster' && clusters.length === 1 && clusters[0] === ref)
  ) {
    return undefined;
  }
  return clusters
    .map(name => t('entityContent.owners.clusterScope', { name }))
    .join(', ');
}
