import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ClusterSummary,
  EntityClusters,
  EntityCoverage,
  EntityImages,
  EntityObservability,
  EffectiveOwnership,
  LayerModel,
  LayerOwnership,
  LayerOwnershipInput,
  OwnershipChange,
  RuntimeLayer,
  SystemCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';

/**
 * Reads from the runtime-stack backend.
 *
 * @public
 */
export interface RuntimeStackApi {
  /** The whole layer model: layers 0 to 6, their capabilities and tools. */
  getLayerModel(): Promise<LayerModel>;
  /** One layer by number. */
  getLayer(layerId: number): Promise<RuntimeLayer>;
  /** Every configured cluster: freshness of its data and the platform detected on it. */
  getClusters(): Promise<ClusterSummary[]>;
  /** What each cluster runs of one entity, from the backend's store. */
  getEntityClusters(entity: EntityName): Promise<EntityClusters>;
  /** The images an entity runs and declares, with the registry's view and drift. */
  getEntityImages(entity: EntityName): Promise<EntityImages>;
  /** An entity's alerts, rules, targets, dashboards and links. */
  getEntityObservability(entity: EntityName): Promise<EntityObservability>;
  /** An entity's coverage of the layer model under its requirement profile. */
  getEntityCoverage(entity: EntityName): Promise<EntityCoverage>;
  /** The coverage of a System's components, added up per layer. */
  getSystemCoverage(system: EntityName): Promise<SystemCoverage>;
  /** Effective owners of every capability for an entity, with where they come from. */
  getEntityOwnership(entity: EntityName): Promise<EffectiveOwnership>;
  /** Creates an ownership record; the caller must be allowed to own it. */
  createOwnership(input: LayerOwnershipInput): Promise<LayerOwnership>;
  /**
   * Changes an ownership record. A stale `version` fails with a 409 whose
   * message says who changed it.
   */
  updateOwnership(
    id: string,
    input: LayerOwnershipInput & { version: number },
  ): Promise<LayerOwnership>;
  /** The changes of one scope (entity ref or name), newest first. */
  getOwnershipHistory(
    scopeRef: string,
    page?: { limit?: number; offset?: number },
  ): Promise<{ items: OwnershipChange[]; totalCount: number }>;
}

/**
 * Names an entity, as `Entity.kind` and `Entity.metadata` do.
 *
 * @public
 */
export interface EntityName {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * @public
 */
export const runtimeStackApiRef = createApiRef<RuntimeStackApi>().with({
  id: 'plugin.runtime-stack.api',
  pluginId: 'runtime-stack',
});
