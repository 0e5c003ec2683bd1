import type { Entity } from '@backstage/catalog-model';
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
  OwnershipAssignment,
  OwnershipChange,
  PlannedServiceEvidence,
  RequirementProfileSettings,
  RuntimeLayer,
  SystemCoverage,
  CoverageTrend,
  EstateAdoption,
  Exemption,
  ExemptionInput,
  ServiceScorePage,
  ServiceScoreQuery,
  TeamScorecard,
  TeamView,
  TrendSubject,
} from '@internal/backstage-plugin-runtime-stack-common';

/**
 * One page of an ownership history.
 *
 * @public
 */
export interface OwnershipHistoryPage {
  items: OwnershipChange[];
  /** All changes of the scope; on pages asked for without a cursor. */
  totalCount?: number;
  nextCursor?: string;
}

/**
 * What creating one ownership record would meet, asked without writing it.
 *
 * @public
 */
export interface OwnershipCheckResult {
  /** The record as the backend read it: full entity refs, the target's layer. */
  record: OwnershipAssignment;
  /** Whether `createOwnership` would accept it now. */
  allowed: boolean;
  /** Why it would be refused, in the backend's words. */
  reason?: string;
  /**
   * What kind of refusal: the caller may not (`not-allowed`), the record is
   * wrong (`invalid`, such as an owner the catalog lacks), or its scope is
   * unknown (`not-found`).
   */
  refusal?: 'not-allowed' | 'invalid' | 'not-found';
}

/**
 * Reads from the runtime-stack backend.
 *
 * @public
 */
export interface RuntimeStackApi {
  /** The whole layer model: layers 0 to 6, their capabilities and tools. */
  getLayerModel(): Promise<LayerModel>;
  /**
   * The requirement profiles coverage is measured against, as the backend
   * resolves them from config, with the rules that pick one.
   */
  getRequirementProfiles(): Promise<RequirementProfileSettings>;
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
  /**
   * What a cluster will give a service that does not run there yet: the
   * evidence its objects and the configured links provide, and its tools
   * on offer (the template form's preview).
   */
  getPlannedServiceEvidence(
    plan: PlannedService,
  ): Promise<PlannedServiceEvidence>;
  /** The coverage of a System's components, added up per layer. */
  getSystemCoverage(system: EntityName): Promise<SystemCoverage>;
  /**
   * Who will own each capability of a Component or System not in the
   * catalog yet (the template form's preview), as if it were registered.
   */
  getPlannedOwnership(entity: Entity): Promise<EffectiveOwnership>;
  /** Effective owners of every capability for an entity, with where they come from. */
  getEntityOwnership(entity: EntityName): Promise<EffectiveOwnership>;
  /**
   * Whether the caller may create each record, by the same checks as
   * `createOwnership` (permission, take-over, owner in the catalog), writing
   * nothing; one result per record, in order. `entity` is the Component or
   * System the records are about when it is not in the catalog yet.
   */
  checkOwnership(
    records: LayerOwnershipInput[],
    options?: { entity?: Entity },
  ): Promise<OwnershipCheckResult[]>;
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
  /**
   * The changes of one scope (entity ref or name), newest first. Without a
   * `cursor` the answer counts them all; `nextCursor`, when there are older
   * changes, is the `cursor` that fetches them.
   */
  getOwnershipHistory(
    scopeRef: string,
    page?: { limit?: number; offset?: number; cursor?: string },
  ): Promise<OwnershipHistoryPage>;
  /**
   * Teams × layers, or teams × the capabilities of `layer` when given;
   * teams include the services of the groups below them.
   */
  getTeamScorecard(options?: {
    layer?: number;
    limit?: number;
    offset?: number;
  }): Promise<TeamScorecard>;
  /** Which tools cover each capability, on how many services. */
  getAdoption(): Promise<EstateAdoption>;
  /** Daily coverage of the estate, a team, a layer or a service. */
  getTrend(subject: TrendSubject, days?: number): Promise<CoverageTrend>;
  /** The services table, filtered, sorted and paginated. */
  getServiceScores(query?: ServiceScoreQuery): Promise<ServiceScorePage>;
  /** The same rows as CSV, for export. */
  getServiceScoresCsv(query?: ServiceScoreQuery): Promise<string>;
  /** One team's services, gaps and exemptions about to expire. */
  getTeamView(team: EntityName): Promise<TeamView>;
  /**
   * Every exemption of one scope (entity ref) or expiring within some days,
   * however many pages the backend answers them in.
   */
  getExemptions(filter?: {
    scopeRef?: string;
    expiringWithinDays?: number;
  }): Promise<Exemption[]>;
  /** Grants an exemption; the caller is recorded as who granted it. */
  createExemption(input: ExemptionInput): Promise<Exemption>;
  /** Revokes an exemption. */
  deleteExemption(id: string): Promise<void>;
}

/**
 * A service not created yet: the cluster and namespace it will run in, its
 * `backstage.io/kubernetes-id`, and the RuntimeClass its pods will name.
 *
 * @public
 */
export interface PlannedService {
  cluster: string;
  namespace: string;
  name: string;
  runtimeClass?: string;
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
