import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ECOSYSTEM_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATIONS,
  type EffectiveOwnership,
  type LayerModel,
  type LayerOwnership,
  type OwnershipOrigin,
  type OwnershipScope,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Entity } from '@backstage/catalog-model';
import { fetchEntityWithSystem, withSystem } from '../catalog/entityWithSystem';
import type { ClusterStateService } from '../clusters/ClusterStateService';
import { ownerOverrideClaims } from '../declaredStack/declaredStackOf';
import type { OwnershipAssignment, OwnershipStore } from './OwnershipStore';
import {
  resolveEffectiveOwnership,
  type ClusterPlacement,
  type OwnershipClaim,
} from './resolveEffectiveOwnership';
import { noMemo, type RequestMemo } from './requestMemo';
import {
  withVisibleScopes,
  type VisibilityCredentials,
} from './visibleRecords';

function claimOfRecord(record: LayerOwnership): OwnershipClaim {
  return {
    origin: { ...record.scope, source: 'store' },
    layer: record.layer,
    capability: record.capability,
    owner: record.owner,
    responsibility: record.responsibility,
    recordId: record.id,
    version: record.version,
    note: record.note,
    link: record.link,
  };
}

/**
 * Effective ownership of one service or System: gathers the claims of every
 * scope it belongs to (itself, its System, its clusters and their
 * environments, the organisation), stored or declared by annotation, and lets
 * the most specific win: on each cluster apart, unless the service or its
 * System decides.
 */
export class EffectiveOwnershipService {
  constructor(
    private readonly options: {
      store: OwnershipStore;
      catalog: CatalogService;
      /** Where the collected cluster state has the service's objects. */
      clusterState: Pick<ClusterStateService, 'entityClusterNames'>;
      layerModel: LayerModel;
      organizationDefaults: OwnershipClaim[];
    },
  ) {}

  /**
   * @param entity - a ref to read from the catalog, or an entity as it is
   *   about to be registered
   * @param credentials - the caller's, whose view of the catalog decides
   *   which Systems and components add their records
   */
  async forEntity(
    entity: string | Entity,
    credentials: VisibilityCredentials,
  ): Promise<EffectiveOwnership> {
    const { catalog, store, layerModel, organizationDefaults } = this.options;
    const { caller } = credentials;
    const context =
      typeof entity === 'string'
        ? await fetchEntityWithSystem(catalog, entity, caller)
        : await withSystem(catalog, entity, caller);
    const { entityRef: ref, systemRef } = context;

    const placements = await this.placementsOf(
      await this.clustersOf(context.entity),
      caller,
    );
    const clusters = placements.map(p => p.cluster);
    const environments = [
      ...new Set(placements.flatMap(p => p.environment ?? [])),
    ];

    const isSystem =
      context.entity.kind.toLocaleLowerCase('en-US') === 'system';
    const named: OwnershipScope[] = [
      { kind: isSystem ? 'system' : 'component', ref },
      ...(systemRef ? [{ kind: 'system' as const, ref: systemRef }] : []),
      ...clusters.map(name => ({ kind: 'cluster' as const, ref: name })),
      ...environments.map(name => ({
        kind: 'environment' as const,
        ref: name,
      })),
    ];
    // The System is whatever the entity names, and a planned entity is
    // whatever the request says: either may be one the catalog hides from
    // the caller, whose records (owners, notes, links) must not show here.
    const scopes = await withVisibleScopes(
      catalog,
      named,
      scope => [scope],
      credentials,
    );
    const stored = await store.findForScopes(scopes);
    const claims: OwnershipClaim[] = [
      ...stored.map(claimOfRecord),
      ...ownerOverrideClaims(context, layerModel),
      ...organizationDefaults,
    ];

    const consulted: OwnershipOrigin[] = [
      ...scopes.map(s => ({ ...s, source: 'store' as const })),
      { kind: 'organization', ref: 'organization', source: 'config' },
    ];
    return {
      entityRef: ref,
      scopes: consulted,
      capabilities: resolveEffectiveOwnership(layerModel, claims, placements),
    };
  }

  /**
   * Who owns the assignment's target for its scope today, with its
   * responsibility: the owners a new record there would take the target
   * from. For a Component or System everything it inherits counts; a cluster
   * or environment inherits from the organisation only.
   */
  async currentOwners(
    assignment: OwnershipAssignment,
    credentials: VisibilityCredentials,
    /** The scope's entity when it is not in the catalog yet. */
    planned?: Entity,
    /** Shares each scope's resolution between the records of one request. */
    memo: RequestMemo = noMemo,
  ): Promise<string[]> {
    const { store, layerModel, organizationDefaults } = this.options;
    const { scope } = assignment;
    const capabilities = await memo(
      `effective-ownership:${scope.kind}:${scope.ref}`,
      async () => {
        if (scope.kind === 'component' || scope.kind === 'system') {
          return (await this.forEntity(planned ?? scope.ref, credentials))
            .capabilities;
        }
        const stored = await store.findForScopes([scope]);
        return resolveEffectiveOwnership(layerModel, [
          ...stored.map(claimOfRecord),
          ...organizationDefaults,
        ]);
      },
    );
    const owners = capabilities
      .filter(c =>
        assignment.capability
          ? c.capability === assignment.capability
          : c.layer === assignment.layer,
      )
      .flatMap(c => c.owners)
      .filter(o => o.responsibility === assignment.responsibility)
      .map(o => o.owner);
    return [...new Set(owners)];
  }

  /**
   * The clusters the service runs on: those where the collected state has
   * its objects, matched as the cluster view matches them, and the cluster
   * its `backstage.io/kubernetes-cluster` annotation declares, which counts
   * before any collection. A comma-separated list there is still read as
   * several declared clusters, for entities annotated that way before.
   */
  private async clustersOf(entity: Entity): Promise<string[]> {
    const declared = (
      entity.metadata.annotations?.[ECOSYSTEM_ANNOTATIONS.kubernetesCluster] ??
      ''
    )
      .split(',')
      .map(c => c.trim())
      .filter(Boolean);
    const observed = await this.options.clusterState.entityClusterNames(entity);
    return [...new Set([...observed, ...declared])];
  }

  /**
   * Each cluster with its environment, from its cluster Resource in the
   * catalog: a cluster inherits from its own environment only.
   */
  private async placementsOf(
    clusters: string[],
    credentials: BackstageCredentials,
  ): Promise<ClusterPlacement[]> {
    if (clusters.length === 0) {
      return [];
    }
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: clusters.map(name => `resource:default/${name}`) },
      { credentials },
    );
    // The items answer the refs one for one, in their order.
    return clusters.map((cluster, i) => {
      // Trimmed as readDeclaredStack reads it, so ' production ' matches.
      const environment =
        items[i]?.metadata.annotations?.[
          RUNTIME_STACK_ANNOTATIONS.environment
        ]?.trim();
      return environment ? { cluster, environment } : { cluster };
    });
  }
}
