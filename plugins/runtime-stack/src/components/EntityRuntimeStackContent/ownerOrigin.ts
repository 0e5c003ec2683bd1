import type { EffectiveOwner } from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';
import type { EntityScopeKind } from '../shared/entityScope';

/**
 * Where an effective owner comes from, in words: people need to know whether
 * to change it here or ask the System or platform team.
 */
export function describeOwnerOrigin(
  t: RuntimeStackT,
  owner: EffectiveOwner,
  /** The scope of the tab's own entity: its records read as "this …". */
  ownScope: EntityScopeKind = 'component',
): string {
  const { kind, ref, source } = owner.inheritedFrom;
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
  // Clusters and environments are named, entities carry a full entity ref.
  let scope = ref;
  if (kind === 'cluster') {
    scope = t('entityContent.owners.clusterScope', { name: ref });
  } else if (kind === 'environment') {
    scope = t('entityContent.owners.environmentScope', { name: ref });
  }
  if (annotation) {
    return layerWide
      ? t('entityContent.owners.inheritedAnnotationLayer', { scope })
      : t('entityContent.owners.inheritedAnnotation', { scope });
  }
  return layerWide
    ? t('entityContent.owners.inheritedLayer', { scope })
    : t('entityContent.owners.inherited', { scope });
}
