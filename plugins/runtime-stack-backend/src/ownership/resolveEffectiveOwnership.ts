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

/** A cluster the service runs on, and the environment its Resource names. */
export interface ClusterPlacement {
  cluster: string;
  environment?: string;
}

const KIND_RANK = {
  organization: 0,
  environment: 1,
  cluster: 2,
  system: 3,
  component: 4,
};

// The narrower the scope, the stronger the claim. An annotation on an entity
// is its owners' own statement, below a record someone stored for the same
// scope on purpose.
function scopeRank(origin: OwnershipOrigin): number {
  return KIND_RANK[origin.kind] * 2 + (origin.source === 'annotation' ? 0 : 1);
}

function strength(claim: OwnershipClaim): number {
  // A claim about the one capability beats a claim about its whole layer
  // from the same scope, never a claim from a narrower scope.
  return scopeRank(claim.origin) * 2 + (claim.capability ? 1 : 0);
}

function strongest(claims: OwnershipClaim[]): OwnershipClaim[] {
  const best = Math.max(...claims.map(strength));
  return claims.filter(c => strength(c) === best);
}

// The service's own claims and its System's hold wherever it runs; what a
// cluster, an environment or the organisation says holds per cluster.
const holdsEverywhere = (claim: OwnershipClaim) =>
  KIND_RANK[claim.origin.kind] >= KIND_RANK.system;

function holdsOn(claim: OwnershipClaim, placement: ClusterPlacement): boolean {
  const { kind, ref } = claim.origin;
  return (
    kind === 'organization' ||
    (kind === 'cluster' && ref === placement.cluster) ||
    (kind === 'environment' && ref === placement.environment)
  );
}

function toOwner(claim: OwnershipClaim, clusters?: string[]): EffectiveOwner {
  return {
    owner: claim.owner,
    responsibility: claim.responsibility,
    inheritedFrom: claim.origin,
    via: claim.capability ? 'capability' : 'layer',
    ...(claim.recordId ? { recordId: claim.recordId } : {}),
    ...(claim.version !== undefined ? { version: claim.version } : {}),
    ...(claim.note ? { note: claim.note } : {}),
    ...(claim.link ? { link: claim.link } : {}),
    ...(clusters ? { clusters } : {}),
  };
}

/** One owner per group and origin, with the clusters each holds on. */
function ownersOf(
  winners: Array<{ claim: OwnershipClaim; cluster?: string }>,
  clusterCount: number,
): EffectiveOwner[] {
  const byKey = new Map<
    string,
    { claim: OwnershipClaim; clusters: string[] }
  >();
  for (const { claim, cluster } of winners) {
    const key = `${claim.owner}\u0000${claim.origin.kind}\u0000${claim.origin.ref}`;
    const entry = byKey.get(key) ?? { claim, clusters: [] };
    if (cluster !== undefined && !entry.clusters.includes(cluster)) {
      entry.clusters.push(cluster);
    }
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ claim, clusters }) =>
    toOwner(
      claim,
      // Named only where it narrows: an owner of every cluster is the
      // service's owner, as if resolved once.
      clusters.length > 0 && clusters.length < clusterCount
        ? clusters
        : undefined,
    ),
  );
}

/**
 * The owners of one responsibility: the strongest claims of the service or
 * its System, else on each cluster the strongest of that cluster, its
 * environment and the organisation, so a cluster without a record of its
 * own still shows what it inherits beside a cluster that has one.
 */
function resolveResponsibility(
  claims: OwnershipClaim[],
  clusters: ClusterPlacement[],
): EffectiveOwner[] {
  const everywhere = claims.filter(holdsEverywhere);
  if (everywhere.length > 0 || clusters.length === 0) {
    return ownersOf(
      strongest(everywhere.length > 0 ? everywhere : claims).map(claim => ({
        claim,
      })),
      0,
    );
  }
  const winners = clusters.flatMap(placement => {
    const onCluster = claims.filter(c => holdsOn(c, placement));
    return onCluster.length === 0
      ? []
      : strongest(onCluster).map(claim => ({
          claim,
          cluster: placement.cluster,
        }));
  });
  return ownersOf(winners, clusters.length);
}

/**
 * For every capability of the model and every responsibility, the strongest
 * claims win: the most specific scope, then a capability claim over a layer
 * claim. Below the System, each of the service's clusters is resolved on
 * its own and their owners all kept, each saying which clusters it holds on
 * when that is not all of them.
 *
 * @param clusters - the service's clusters; without any, the claims are
 *   weighed together (one cluster or environment scope and the organisation)
 */
export function resolveEffectiveOwnership(
  model: LayerModel,
  claims: OwnershipClaim[],
  clusters: ClusterPlacement[] = [],
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
      const owners = [...byResponsibility.values()].flatMap(list =>
        resolveResponsibility(list, clusters),
      );
      return { layer: layer.id, capability: capability.id, owners };
    }),
  );
}
