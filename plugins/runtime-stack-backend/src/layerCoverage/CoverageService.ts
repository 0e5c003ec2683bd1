import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError, isError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  aggregateSystemCoverage,
  chooseRequirementProfile,
  computeCoverage,
  declaredEvidence,
  RUNTIME_STACK_ANNOTATIONS,
  type CapabilityCoverage,
  type ClusterObject,
  type CoverageEvidence,
  type CoverageExemption,
  type EntityCoverage,
  type LayerModel,
  type OfferedTool,
  type PlannedServiceEvidence,
  type SystemCoverage,
  type ToolFinding,
  withOwners,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  fetchEntityWithSystem,
  type EntityWithSystem,
} from '../catalog/entityWithSystem';
import type { ClusterStateService } from '../clusters/ClusterStateService';
import type { PlannedService } from '../clusters/plannedService';
import { declaredStackOf } from '../declaredStack/declaredStackOf';
import type { ImageService } from '../images/ImageService';
import {
  coverageRegressions,
  regressionsDespiteFailures,
  type CoverageRegression,
} from '../notifications/coverageRegressions';
import type { ObservabilityService } from '../observability/ObservabilityService';
import type { EffectiveOwnershipService } from '../ownership/EffectiveOwnershipService';
import type { CoverageSettings } from './coverageConfig';
import {
  coverageExemptionsOf,
  type ExemptionStore,
} from '../scorecards/ExemptionStore';
import type { CoverageRecord, CoverageStore } from './CoverageStore';
import { observabilityErrors, registryErrors } from './answeredSourceErrors';
import { carriedEvidence, givesEvidence } from './carriedEvidence';
import type { CoverageReadOptions } from './coverageReadOptions';
import { withReadableEvidence } from './readableEvidence';
import {
  clusterEvidence,
  catalogEvidence,
  imageEvidence,
  observabilityEvidence,
} from './coverageEvidence';

export type RegressionListener = (
  entityRef: string,
  regressions: CoverageRegression[],
) => Promise<unknown>;

/**
 * A service's coverage of the layer model under its requirement profile,
 * from every source of evidence: what it declares, what its clusters show,
 * what its registry holds, and what its telemetry proves. Evaluated after
 * collections and stored; reads are lookups, with owners put on as they are
 * now.
 */
export class CoverageService {
  constructor(
    private readonly options: {
      layerModel: LayerModel;
      settings: CoverageSettings;
      catalog: CatalogService;
      clusterState: ClusterStateService;
      images: ImageService;
      observability: ObservabilityService;
      store: CoverageStore;
      ownership: EffectiveOwnershipService;
      /** Accepted gaps; without it nothing is exempt. */
      exemptions?: ExemptionStore;
      /**
       * The backend's own identity, with which an entity evaluated on its
       * first read is read, as the scheduled run reads it: the stored
       * result serves every caller. It also tells owners' Systems hidden
       * from the caller from those the catalog lacks.
       */
      auth: AuthService;
      /**
       * Called for each service whose required capabilities got worse than
       * what was stored for it, by a scheduled run or an evaluation on
       * demand (an exemption revoked); not when an evidence source failed,
       * since then a gap may be the source's, not the service's.
       */
      onRegressions?: RegressionListener;
      logger?: LoggerService;
      /** The source-control tool of a repository host (the SCM integrations). */
      sourceControlToolOfHost?: (host: string) => string | undefined;
      /** The container-registry tool of an image's registry host. */
      registryToolOfHost?: (host: string) => string | undefined;
      now?: () => Date;
    },
  ) {}

  /**
   * The stored coverage of an entity, with its current owners when the
   * caller may read ownership; otherwise each capability's `owners` is left
   * out, as not known. Exemptions keep their reasons only for a caller who
   * may read exemptions, and what a source saw only for a caller who may
   * read that source. An entity not evaluated yet (new in the catalog)
   * is evaluated now and stored.
   */
  async entityCoverage(
    entity: Entity,
    credentials: BackstageCredentials,
    options: CoverageReadOptions,
  ): Promise<EntityCoverage> {
    const coverage = withReadableEvidence(
      await this.ownedCoverage(entity, credentials, options),
      options.withheld,
    );
    return options.withExemptionReasons
      ? coverage
      : withoutExemptionReasons(coverage);
  }

  private async ownedCoverage(
    entity: Entity,
    credentials: BackstageCredentials,
    options: { withOwners: boolean },
  ): Promise<EntityCoverage> {
    const { catalog, store, ownership } = this.options;
    const entityRef = stringifyEntityRef(entity);
    const serviceCredentials =
      await this.options.auth.getOwnServiceCredentials();
    let coverage = await store.get(entityRef);
    if (!coverage) {
      const record = await this.evaluate(
        await fetchEntityWithSystem(catalog, entityRef, serviceCredentials),
      );
      await store.put([record]);
      coverage = record.coverage;
    }
    if (!options.withOwners) {
      return coverage;
    }
    try {
      return withOwners(
        coverage,
        await ownership.forEntity(entityRef, {
          caller: credentials,
          service: serviceCredentials,
        }),
      );
    } catch (error) {
      return {
        ...coverage,
        sourceErrors: [
          ...coverage.sourceErrors,
          { source: 'ownership', message: (error as Error).message },
        ],
      };
    }
  }

  /**
   * The stored coverage of a System's components, added up; the components
   * are those the caller may see.
   */
  async systemCoverage(
    system: Entity,
    credentials: BackstageCredentials,
  ): Promise<SystemCoverage> {
    const systemRef = stringifyEntityRef(system);
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'component',
          [`relations.${RELATION_PART_OF}`]: systemRef,
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const refs = items.map(e => stringifyEntityRef(e));
    const stored = await this.options.store.getMany(refs);
    const evaluated = new Set(stored.map(c => c.entityRef));
    return aggregateSystemCoverage(
      systemRef,
      stored,
      refs.filter(ref => !evaluated.has(ref)),
    );
  }

  /**
   * Evaluates these entities now and stores the result, for a change that
   * must show before the next scheduled run (an exemption granted).
   */
  async reevaluate(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<void> {
    const { catalog } = this.options;
    const records: CoverageRecord[] = [];
    for (const entityRef of entityRefs) {
      records.push(
        await this.evaluate(
          await fetchEntityWithSystem(catalog, entityRef, credentials),
        ),
      );
    }
    await this.storeEvaluated(records);
  }

  /**
   * Stores evaluations, and tells the regression listener of each service
   * whose required capabilities got worse than what was stored before.
   */
  async storeEvaluated(records: CoverageRecord[]): Promise<void> {
    const { store, onRegressions } = this.options;
    const before = onRegressions
      ? await store.requiredStatuses(records.map(r => r.coverage.entityRef))
      : undefined;
    // What was seen before, of the few evaluated while a source failed, to
    // tell the regressions the failure explains from the others.
    const seenBefore = new Map<string, EntityCoverage | undefined>();
    if (onRegressions) {
      for (const { coverage, storedBefore } of records) {
        if (!coverage.sourceErrors.some(e => givesEvidence(e.source))) {
          continue;
        }
        seenBefore.set(
          coverage.entityRef,
          storedBefore === undefined
            ? await store.get(coverage.entityRef).catch(() => undefined)
            : storedBefore ?? undefined,
        );
      }
    }
    const changed = await store.put(records);
    if (!before || !onRegressions) return;
    // Only the write that changed the rows tells: when two replicas store
    // the same regression (a run and an exemption revoked elsewhere), both
    // read the old statuses, but the second write finds its rows written.
    const rewritten = new Set(changed.map(r => r.coverage.entityRef));
    for (const { coverage } of records) {
      if (!rewritten.has(coverage.entityRef)) continue;
      const regressions = regressionsDespiteFailures(
        coverageRegressions(before.get(coverage.entityRef), coverage),
        coverage.sourceErrors,
        seenBefore.get(coverage.entityRef),
      );
      if (regressions.length === 0) continue;
      // What is stored stays stored: a listener failing costs its notice.
      try {
        await onRegressions(coverage.entityRef, regressions);
      } catch (error) {
        this.options.logger?.warn(
          `Could not report the regressions of ${coverage.entityRef}: ${
            isError(error) ? error.message : String(error)
          }`,
        );
      }
    }
  }

  /**
   * What a cluster gives a service before it runs there, for the template
   * form's preview: the evidence the entity page will find from the
   * cluster's objects and the configured links, and the cluster's tools on
   * offer. The planned objects' own evidence (workloads, health) is left to
   * whoever plans them.
   */
  async plannedServiceEvidence(
    plan: PlannedService,
  ): Promise<PlannedServiceEvidence> {
    const { view, freshness, platformTools } =
      await this.options.clusterState.plannedServiceView(plan);
    const now = (this.options.now ?? (() => new Date()))();
    const { cluster } = view;
    return {
      ...freshness,
      cluster,
      namespace: plan.namespace,
      name: plan.name,
      ...(plan.runtimeClass ? { runtimeClass: plan.runtimeClass } : {}),
      evidence: [
        ...clusterEvidence({ clusters: [view] }, new Map(), now),
        ...observabilityEvidence(
          this.options.observability.plannedObservability(plan),
        ),
      ],
      offered: offeredOn(new Map([[cluster, platformTools]])),
    };
  }

  /**
   * Every exemption by scope, for `evaluate` over many entities; undefined
   * without an exemption store or when it cannot be read, so that each
   * evaluation reads (and names the failure) itself.
   */
  async exemptionsByScope(): Promise<
    Map<string, CoverageExemption[]> | undefined
  > {
    return this.options.exemptions?.byScope().catch(() => undefined);
  }

  /**
   * Evaluates one entity from every source, for the store.
   * `exemptionsByScope`: every exemption, read once for a run of
   * evaluations, in place of a read per entity.
   */
  async evaluate(
    context: EntityWithSystem,
    exemptionsByScope?: ReadonlyMap<string, CoverageExemption[]>,
  ): Promise<CoverageRecord> {
    const { layerModel, settings, clusterState } = this.options;
    const { entity, entityRef } = context;
    const declared = declaredStackOf(context, layerModel);
    const sourceErrors: EntityCoverage['sourceErrors'] = [];
    const attempt = async <T>(
      source: string,
      read: () => Promise<T>,
      fallback: T,
    ): Promise<T> => {
      try {
        return await read();
      } catch (error) {
        sourceErrors.push({ source, message: (error as Error).message });
        return fallback;
      }
    };

    // One read of the objects serves the cluster evidence, the hints, the
    // images and the observability; each of those reads them itself only
    // when that read failed.
    const fromClusters = await attempt(
      'clusters',
      async () => {
        const view = await clusterState.entityClustersWithObjects(entity);
        // A selector that cannot be read finds nothing: that is the
        // source's failure, not the service losing what the clusters showed,
        // so it is named, what they showed last is kept, and no one is told
        // of regressions.
        if (view.clusters.selector.problem) {
          throw new InputError(view.clusters.selector.problem);
        }
        return {
          evidence: clusterEvidence(
            view.clusters,
            view.objects,
            (this.options.now ?? (() => new Date()))(),
          ),
          offered: offeredOn(view.platformTools),
          objects: view.objects as
            | ReadonlyMap<string, ClusterObject[]>
            | undefined,
          contexts: view.contexts as
            | ReadonlyMap<string, ClusterObject[]>
            | undefined,
        };
      },
      {
        evidence: [] as CoverageEvidence[],
        offered: [] as OfferedTool[],
        objects: undefined,
        contexts: undefined,
      },
    );
    // Both answer with what they could read and name the rest rather than
    // throw; a gap there may be the source's, so it counts as a failed source,
    // which keeps regression notices from going out.
    const nothingRead = {
      evidence: [] as CoverageEvidence[],
      errors: [] as EntityCoverage['sourceErrors'],
    };
    const [fromImages, fromObservability] = await Promise.all([
      attempt(
        'images',
        async () => {
          const images = await this.options.images.entityImages(
            entity,
            fromClusters.objects,
            fromClusters.contexts,
          );
          return {
            evidence: imageEvidence(
              images,
              this.options.sourceControlToolOfHost,
              this.options.registryToolOfHost,
            ),
            errors: registryErrors(images),
          };
        },
        nothingRead,
      ),
      attempt(
        'observability',
        async () => {
          const observability =
            await this.options.observability.entityObservability(
              entity,
              fromClusters.objects,
            );
          return {
            evidence: observabilityEvidence(observability),
            errors: observabilityErrors(observability),
          };
        },
        nothingRead,
      ),
    ]);
    sourceErrors.push(...fromImages.errors, ...fromObservability.errors);
    const observed = [
      ...fromClusters.evidence,
      ...fromImages.evidence,
      ...fromObservability.evidence,
    ];
    // Read once, for the evidence carried here and the regressions that
    // storing this evaluation tells of.
    const storedBefore = sourceErrors.some(e => givesEvidence(e.source))
      ? await this.options.store
          .get(entityRef)
          .then(c => c ?? null)
          .catch(() => undefined)
      : undefined;
    const carried = storedBefore
      ? carriedEvidence(storedBefore, sourceErrors, observed)
      : [];

    const now = (this.options.now ?? (() => new Date()))();
    const scopeRefs = context.systemRef
      ? [entityRef, context.systemRef]
      : [entityRef];
    const exemptions = exemptionsByScope
      ? coverageExemptionsOf(exemptionsByScope, scopeRefs)
      : await attempt(
          'exemptions',
          async () =>
            (await this.options.exemptions?.forCoverage(scopeRefs)) ?? [],
          [],
        );
    const choice = chooseRequirementProfile(
      {
        annotation:
          entity.metadata.annotations?.[
            RUNTIME_STACK_ANNOTATIONS.requirementProfile
          ],
        systemAnnotation:
          context.system?.metadata.annotations?.[
            RUNTIME_STACK_ANNOTATIONS.requirementProfile
          ],
        lifecycle:
          typeof entity.spec?.lifecycle === 'string'
            ? entity.spec.lifecycle
            : undefined,
        // So the reason says which System, as the template's preview does.
        ...(context.systemRef ? { system: context.systemRef } : {}),
      },
      settings.profiles,
      {
        ...(settings.byLifecycle ? { byLifecycle: settings.byLifecycle } : {}),
        ...(settings.defaultProfile
          ? { defaultProfile: settings.defaultProfile }
          : {}),
      },
    );
    const coverage: EntityCoverage = {
      entityRef,
      evaluatedAt: now.toISOString(),
      ...computeCoverage({
        layerModel,
        choice,
        evidence: [
          ...declaredEvidence(declared),
          ...catalogEvidence(entity, this.options.sourceControlToolOfHost),
          ...observed,
          ...carried,
        ],
        offered: fromClusters.offered,
        exemptions,
        now,
      }),
      sourceErrors,
    };
    return {
      coverage,
      ...(context.systemRef ? { systemRef: context.systemRef } : {}),
      ...(ownerOf(entity) ? { ownerRef: ownerOf(entity) } : {}),
      ...(typeof entity.spec?.lifecycle === 'string'
        ? { lifecycle: entity.spec.lifecycle }
        : {}),
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      ...(storedBefore !== undefined ? { storedBefore } : {}),
    };
  }
}

/**
 * Coverage as shown to someone who may not read exemptions: which
 * capabilities are exempt and until when, not why, as the exemptions list
 * would not tell them either.
 */
function withoutExemptionReasons(coverage: EntityCoverage): EntityCoverage {
  const withoutReason = (c: CapabilityCoverage): CapabilityCoverage => {
    if (!c.exemption) return c;
    const { reason: _reason, ...exemption } = c.exemption;
    return { ...c, exemption };
  };
  return {
    ...coverage,
    capabilities: coverage.capabilities.map(withoutReason),
    gaps: coverage.gaps.map(withoutReason),
  };
}

/** The platform tools of the service's clusters, for hints. */
function offeredOn(
  platformTools: ReadonlyMap<string, ToolFinding[]>,
): OfferedTool[] {
  return [...platformTools].flatMap(([cluster, tools]) =>
    tools.map(t => ({ capability: t.capability, tool: t.tool, cluster })),
  );
}

/** The entity's owner as the catalog resolved it, else as written. */
function ownerOf(entity: Entity): string | undefined {
  const related = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (related) return related.targetRef;
  const owner = entity.spec?.owner;
  return typeof owner === 'string'
    ? stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      )
    : undefined;
}
