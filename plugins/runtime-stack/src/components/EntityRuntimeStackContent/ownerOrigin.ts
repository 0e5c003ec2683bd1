import type { EffectiveOwner } from '@internal/backstage-plugin-runtime-stack-common';
import type { EntityScopeKind } from '../shared/entityScope';

/**
 * Where an effective owner comes from, in words: people need to know whether
 * to change it here or ask the System or platform team.
 */
export function describeOwnerOrigin(
  owner: EffectiveOwner,
  /** The scope of the tab's own entity: its records read as "this …". */
  ownScope: EntityScopeKind = 'component',
): string {
  const { kind, ref, source } = owner.inheritedFrom;
  const layerWide = owner.via === 'layer' ? ', for the whole layer' : '';
  if (kind === 'organization') {
    return `organisation default${layerWide}`;
  }
  const annotation = source === 'annotation' ? ' (annotation)' : '';
  if (kind === ownScope) {
    return `this ${
      ownScope === 'system' ? 'System' : 'component'
    }${annotation}${layerWide}`;
  }
  // Clusters and environments are named, Systems carry a full entity ref.
  const scope = kind === 'system' ? ref : `${kind} ${ref}`;
  return `inherited from ${scope}${annotation}${layerWide}`;
}
