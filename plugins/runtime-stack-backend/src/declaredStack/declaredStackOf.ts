import {
  mergeDeclaredStacks,
  readDeclaredStack,
  type DeclaredStack,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { EntityWithSystem } from '../catalog/entityWithSystem';
import type { OwnershipClaim } from '../ownership/resolveEffectiveOwnership';

/** What the entity declares, completed by what its System declares. */
export function declaredStackOf(
  { entity, system }: EntityWithSystem,
  model: LayerModel,
): DeclaredStack {
  return mergeDeclaredStacks(
    readDeclaredStack(entity, model),
    system ? readDeclaredStack(system, model) : undefined,
  );
}

/** The `runtime-stack.io/owners` overrides as ownership claims of their scope. */
export function ownerOverrideClaims(
  context: EntityWithSystem,
  model: LayerModel,
): OwnershipClaim[] {
  const isSystem = context.entity.kind.toLocaleLowerCase('en-US') === 'system';
  return declaredStackOf(context, model).ownerOverrides.map(override => {
    const fromSystem = override.source === 'system';
    const layer =
      'layer' in override.target
        ? override.target.layer
        : model.layers.find(l =>
            l.capabilities.some(
              c =>
                'capability' in override.target &&
                c.id === override.target.capability,
            ),
          )!.id;
    return {
      origin: {
        kind: fromSystem || isSystem ? 'system' : 'component',
        ref: fromSystem ? context.systemRef! : context.entityRef,
        source: 'annotation',
      },
      layer,
      ...('capability' in override.target
        ? { capability: override.target.capability }
        : {}),
      owner: override.owner,
      responsibility: 'operates',
    };
  });
}
