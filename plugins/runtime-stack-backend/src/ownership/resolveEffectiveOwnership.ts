import type {
  EffectiveCapabilityOwnership,
  EffectiveOwner,
  LayerModel,
  OwnershipOrigin,
  OwnershipResponsibility,
} from '@internal/backstage-plugin-runtime-stack-common';

/** Something that claims ownership of a layer or a capability. */
export interface OwnershipClaim {
  origin: OwnershipOrigin;
  layer: number;
  capability?: string;
  owner: string;
  responsibility: OwnershipResponsibility;
  recordId?: string;
  version?: number;
  note?: string;
  link?: string;
}

// The narrower the scope, the stronger the claim. An annotation on an entity
// is its owners' own statement, below a record someone stored for the same
// scope on purpose.
function scopeRank(origin: OwnershipOrigin): number {
  const byKind = {
    organization: 0,
    environment: 1,
    cluster: 2,
    system: 3,
    component: 4,
  };
  return byKind[origin.kind] * 2 + (origin.source === 'annotation' ? 0 : 1);
}

function strength(claim: OwnershipClaim): number {
  // A claim about the one capability beats a claim about its whole layer
  // from the same scope, never a claim from a narrower scope.
  return scopeRank(claim.origin) * 2 + (claim.capability ? 1 : 0);
}

function toOwner(claim: OwnershipClaim): EffectiveOwner {
  return {
    owner: claim.owner,
    responsibility: claim.responsibility,
    inheritedFrom: claim.origin,
    via: claim.capability ? 'capability' : 'layer',
    ...(claim.recordId ? { recordId: claim.recordId } : {}),
    ...(claim.version !== undefined ? { version: claim.version } : {}),
    ...(claim.note ? { note: claim.note } : {}),
    ...(claim.link ? { link: claim.link } : {}),
  };
}

/**
 * For every capability of the model and every responsibility, the strongest
 * claims win: the most specific scope, then a capability claim over a layer
 * claim. Equally strong claims that name different owners (a service on two
 * clusters with different owners) are all kept.
 */
export function resolveEffectiveOwnership(
  model: LayerModel,
  claims: OwnershipClaim[],
): EffectiveCapabilityOwnership[] {
  return model.layers.flatMap(layer =>
    layer.capabilities.map(capability => {
      const applicable = claims.filter(
        c =>
          c.layer === layer.id &&
          (c.capability === undefined || c.capability === capability.id),
      );
      const byResponsibility = new Map<
        OwnershipResponsibility,
        OwnershipClaim[]
      >();
      for (const claim of applicable) {
        const list = byResponsibility.get(claim.responsibility) ?? [];
        list.push(claim);
        byResponsibility.set(claim.responsibility, list);
      }
      const owners = [...byResponsibility.values()].flatMap(list => {
        const best = Math.max(...list.map(strength));
        const winners = list.filter(c => strength(c) === best);
        const seen = new Set<string>();
        return winners
          .filter(c => {
            const key = `${c.owner}\u0000${c.origin.ref}`;
            return seen.has(key) ? false : (seen.add(key), true);
          })
          .map(toOwner);
      });
      return { layer: layer.id, capability: capability.id, owners };
    }),
  );
}
