import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  AlphaEntity,
  EntityStatusItem,
} from '@backstage/catalog-model/alpha';
import type { Config } from '@backstage/config';
import type {
  CatalogProcessor,
  CatalogProcessorCache,
} from '@backstage/plugin-catalog-node';
import {
  DeclaredStackProblem,
  ECOSYSTEM_ANNOTATIONS,
  LayerModel,
  RUNTIME_STACK_ANNOTATION_PREFIX,
  readDeclaredStack,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  layerModelFromConfig,
  RemoteLayerModel,
} from '@internal/backstage-plugin-runtime-stack-node';

/**
 * The status type the catalog gives its own processing errors, and the one
 * its entity error panel shows (`ENTITY_STATUS_CATALOG_PROCESSING_TYPE` of
 * `@backstage/catalog-client`).
 */
const CATALOG_PROCESSING_STATUS_TYPE = 'backstage.io/catalog-processing';

/** Cache key for the problems last logged for an entity. */
const LOGGED_PROBLEMS_KEY = 'logged-problems';

/**
 * Validates the `runtime-stack.io/` annotations of every entity that has any
 * against the layer model, and its `backstage.io/kubernetes-label-selector`,
 * and reports each problem on the entity itself.
 *
 * @remarks
 *
 * Problems are added to the entity's `status.items` as catalog-processing
 * errors, so they show in the catalog's entity error panel, and the entity is
 * kept. Emitting them as processing errors instead (`processingResult.inputError`)
 * would make the catalog refuse the whole result: a new entity would never be
 * served and an existing one would be frozen at its last valid version, so a
 * typo in an annotation could hide a service.
 *
 * @public
 */
export class RuntimeStackAnnotationProcessor implements CatalogProcessor {
  private readonly layerModel: () => Promise<LayerModel>;
  private readonly logger: LoggerService;

  /**
   * Builds the processor on the layer model as extended by
   * `runtimeStack.layerModel` in app-config. Throws if that config is
   * invalid, naming the key.
   *
   * Given `discovery` and `auth`, it checks against the model the
   * runtime-stack backend serves instead, which includes what its modules
   * add, and falls back to the app-config model while that backend does not
   * answer.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      discovery?: DiscoveryService;
      auth?: AuthService;
    },
  ): RuntimeStackAnnotationProcessor {
    const configModel = layerModelFromConfig(config);
    const { logger, discovery, auth } = options;
    if (!discovery || !auth) {
      return new RuntimeStackAnnotationProcessor({
        layerModel: configModel,
        logger,
      });
    }
    const remote = new RemoteLayerModel({
      discovery,
      auth,
      logger,
      fallback: configModel,
    });
    return new RuntimeStackAnnotationProcessor({
      layerModel: () => remote.get(),
      logger,
    });
  }

  constructor(options: {
    /** A fixed model, or where to get the current one on each pass. */
    layerModel: LayerModel | (() => Promise<LayerModel>);
    logger: LoggerService;
  }) {
    const { layerModel } = options;
    this.layerModel =
      typeof layerModel === 'function' ? layerModel : async () => layerModel;
    this.logger = options.logger;
  }

  getProcessorName(): string {
    return 'RuntimeStackAnnotationProcessor';
  }

  // Post-processing, because the catalog's policies run before it and would
  // refuse an entity that already carried a `status` field.
  async postProcessEntity(
    entity: Entity,
    _location: unknown,
    _emit: unknown,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const problems = hasCheckedAnnotations(entity)
      ? readDeclaredStack(entity, await this.layerModel()).problems
      : [];
    // Called for every entity, so that one whose annotations were all removed
    // forgets what was logged, and the same mistake made again is logged again.
    await this.logWhenChanged(entity, problems.map(formatProblem), cache);
    if (problems.length === 0) {
      return entity;
    }
    const items: EntityStatusItem[] = problems.map(problem => ({
      type: CATALOG_PROCESSING_STATUS_TYPE,
      level: 'error',
      message: `InputError: ${formatProblem(problem)}`,
      error: { name: 'InputError', message: formatProblem(problem) },
    }));
    const { status } = entity as AlphaEntity;
    return {
      ...entity,
      status: { ...status, items: [...(status?.items ?? []), ...items] },
    } as AlphaEntity;
  }

  // The catalog processes every entity again and again; a warning on each
  // pass would drown the log, so it is written when the problems change.
  private async logWhenChanged(
    entity: Entity,
    problems: string[],
    cache: CatalogProcessorCache,
  ): Promise<void> {
    const logged = (await cache.get<string[]>(LOGGED_PROBLEMS_KEY)) ?? [];
    if (JSON.stringify(logged) === JSON.stringify(problems)) {
      return;
    }
    await cache.set(LOGGED_PROBLEMS_KEY, problems);
    if (problems.length > 0) {
      this.logger.warn(
        `Entity ${stringifyEntityRef(entity)} has ${
          problems.length
        } runtime-stack annotation problem(s): ${problems.join('; ')}`,
      );
    }
  }
}

/**
 * Ours, and the Kubernetes plugin's label selector, which finds the service
 * nowhere when it cannot be read.
 */
function hasCheckedAnnotations(entity: Entity): boolean {
  return Object.keys(entity.metadata.annotations ?? {}).some(
    key =>
      key.startsWith(RUNTIME_STACK_ANNOTATION_PREFIX) ||
      key === ECOSYSTEM_ANNOTATIONS.kubernetesLabelSelector,
  );
}

function formatProblem({ annotation, message }: DeclaredStackProblem): string {
  return `${annotation}: ${message}`;
}
