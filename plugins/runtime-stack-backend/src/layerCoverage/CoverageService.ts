import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  chooseRequirementProfile,
  computeCoverage,
  RUNTIME_STACK_ANNOTATIONS,
  type CoverageEvidence,
  type EntityCoverage,
  type LayerModel,
  type OfferedTool,
} from '@internal/backstage-plugin-runtime-stack-common';
import { fetchEntityWithSystem } from '../catalog/entityWithSystem';
import type { ClusterStateService } from '../clusters/ClusterStateService';
import { declaredStackOf } from '../declaredStack/declaredStackOf';
import type { ImageService } from '../images/ImageService';
import type { ObservabilityService } from '../observability/ObservabilityService';
import type { CoverageSettings } from './coverageConfig';
import {
  clusterEvidence,
  declaredEvidence,
  imageEvidence,
  observabilityEvidence,
} from './coverageEvidence';

/**
 * A service's coverage of the layer model under its requirement profile,
 * from every source of evidence: what it declares, what its clusters show,
 * what its registry holds, and what its telemetry proves.
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
      now?: () => Date;
    },
  ) {}

  async entityCoverage(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<EntityCoverage> {
    const { layerModel, settings, catalog, clusterState } = this.options;
    const entityRef = stringifyEntityRef(entity);
    const context = await fetchEntityWithSystem(
      catalog,
      entityRef,
      credentials,
    );
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

    const [fromClusters, fromImages, fromObservability] = await Promise.all([
      attempt(
        'clusters',
        async () => {
          // One read of the objects serves the evidence and the hints.
          const view = await clusterState.entityClustersWithObjects(entity);
          return {
            evidence: clusterEvidence(view.clusters, view.objects),
            offered: await this.offeredOn([...view.objects.keys()]).catch(
              () => [] as OfferedTool[],
            ),
          };
        },
        { evidence: [] as CoverageEvidence[], offered: [] as OfferedTool[] },
      ),
      attempt(
        'images',
        async () =>
          imageEvidence(await this.options.images.entityImages(entity)),
        [] as CoverageEvidence[],
      ),
      attempt(
        'observability',
        async () =>
          observabilityEvidence(
            await this.options.observability.entityObservability(entity),
          ),
        [] as CoverageEvidence[],
      ),
    ]);

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
      },
      settings.profiles,
      {
        ...(settings.byLifecycle ? { byLifecycle: settings.byLifecycle } : {}),
        ...(settings.defaultProfile
          ? { defaultProfile: settings.defaultProfile }
          : {}),
      },
    );
    return {
      entityRef,
      ...computeCoverage({
        layerModel,
        choice,
        evidence: [
          ...declaredEvidence(declared),
          ...fromClusters.evidence,
          ...fromImages,
          ...fromObservability,
        ],
        offered: fromClusters.offered,
        now: (this.options.now ?? (() => new Date()))(),
      }),
      sourceErrors,
    };
  }

  /** The platform tools of these clusters, for hints. */
  private async offeredOn(clusters: string[]): Promise<OfferedTool[]> {
    return (await this.options.clusterState.clusters())
      .filter(c => clusters.includes(c.name))
      .flatMap(c =>
        c.platformTools.map(t => ({
          capability: t.capability,
          tool: t.tool,
          cluster: c.name,
        })),
      );
  }
}
