import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  capabilityTitlesOf,
  defaultDetectionRules,
  defaultLayerModel,
  detectClusterTools,
  detectServiceTools,
  toolsProvidedByCluster,
  extendLayerModel,
  runtimeStackPermissions,
  validateDetectionRules,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  ClusterAuthAdditions,
  DetectionRuleAdditions,
  LayerModelAdditions,
  readLayerModelExtensionFromConfig,
  runtimeStackClusterAuthExtensionPoint,
  runtimeStackDetectionRulesExtensionPoint,
  runtimeStackLayerModelExtensionPoint,
} from '@internal/backstage-plugin-runtime-stack-node';
import { ClusterCollectionService } from './clusters/ClusterCollectionService';
import {
  readClusterDefinitions,
  readServiceLocatorMethod,
  readCollectionSettings,
} from './clusters/clusterConfig';
import {
  readCatalogClusters,
  readCatalogLocatorOptions,
} from './clusters/catalogClusters';
import { ClusterDirectory, combineLocated } from './clusters/ClusterDirectory';
import {
  GkeClusters,
  googleAccessToken,
  readGkeLocators,
} from './clusters/gkeClusters';
import {
  ClusterCredentials,
  kubernetesPluginStrategies,
} from './clusters/clusterCredentials';
import { ClusterSnapshotStore } from './clusters/ClusterSnapshotStore';
import { ClusterStateService } from './clusters/ClusterStateService';
import { createClusterRouter } from './clusters/createClusterRouter';
import {
  readCoverageEvaluationSettings,
  readCoverageSettings,
} from './layerCoverage/coverageConfig';
import { sourceControlToolOfHost } from './layerCoverage/sourceControlHosts';
import { CoverageEvaluationService } from './layerCoverage/CoverageEvaluationService';
import { CoverageStore } from './layerCoverage/CoverageStore';
import { signalCoverageChanges } from './layerCoverage/coverageChangeSignals';
import { createScorecardRouter } from './scorecards/createScorecardRouter';
import { ExemptionStore } from './scorecards/ExemptionStore';
import { ScorecardStore } from './scorecards/ScorecardStore';
import { CoverageService } from './layerCoverage/CoverageService';
import { createCoverageRouter } from './layerCoverage/createCoverageRouter';
import { createImageRouter } from './images/createImageRouter';
import { ImageCollectionService } from './images/ImageCollectionService';
import { ImageService } from './images/ImageService';
import { RegistryCollector } from './images/RegistryCollector';
import { readImageSettings } from './images/registryConfig';
import { registryToolOfHost } from './images/registryTools';
import { RegistrySnapshotStore } from './images/RegistrySnapshotStore';
import { createObservabilityRouter } from './observability/createObservabilityRouter';
import { readObservabilitySettings } from './observability/observabilityConfig';
import { ObservabilityService } from './observability/ObservabilityService';
import { createDeclaredStackRouter } from './declaredStack/createDeclaredStackRouter';
import { migrateToLatest } from './database/migrations';
import { createOwnershipRouter } from './ownership/createOwnershipRouter';
import { DatabaseOwnershipStore } from './ownership/DatabaseOwnershipStore';
import { EffectiveOwnershipService } from './ownership/EffectiveOwnershipService';
import {
  layerOwnershipPermissionRules,
  layerOwnershipResourceRef,
} from './ownership/ownershipPermissionRules';
import { readOrganizationDefaults } from './ownership/organizationDefaults';
import { registerClusterMetrics } from './metrics/registerClusterMetrics';
import {
  coverageEvaluationCounters,
  registryReadCounters,
} from './metrics/runCounters';
import { readNotificationSettings } from './notifications/notificationConfig';
import { ExemptionExpiryNotices } from './notifications/ExemptionExpiryNotices';
import { RuntimeStackNotifier } from './notifications/RuntimeStackNotifier';
import { registerRuntimeStackActions } from './actions/runtimeStackActions';
import { createRouter } from './router';

/**
 * The Runtime Stack backend plugin: serves the layered runtime model and the
 * layer ownership of every scope.
 *
 * @public
 */
export const runtimeStackPlugin = createBackendPlugin({
  pluginId: 'runtime-stack',
  register(env) {
    const additions = new LayerModelAdditions();
    env.registerExtensionPoint(runtimeStackLayerModelExtensionPoint, additions);
    const detectionAdditions = new DetectionRuleAdditions();
    env.registerExtensionPoint(
      runtimeStackDetectionRulesExtensionPoint,
      detectionAdditions,
    );
    const clusterAuthAdditions = new ClusterAuthAdditions();
    env.registerExtensionPoint(
      runtimeStackClusterAuthExtensionPoint,
      clusterAuthAdditions,
    );

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        metrics: metricsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        signals: signalsServiceRef,
      },
      async init({
        logger,
        config,
        database,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        scheduler,
        auth,
        cache,
        catalog,
        metrics,
        notifications,
        actionsRegistry,
        signals,
      }) {
        // app-config first, so modules can add tools to capabilities it adds;
        // modules have registered their additions by the time init runs.
        const layerModel = extendLayerModel(
          extendLayerModel(
            defaultLayerModel,
            readLayerModelExtensionFromConfig(config),
          ),
          additions.toExtension(),
        );
        const capabilityCount = layerModel.layers.reduce(
          (sum, layer) => sum + layer.capabilities.length,
          0,
        );
        logger.info(
          `Serving layer model v${layerModel.version}: ${layerModel.layers.length} layers, ${capabilityCount} capabilities`,
        );

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateToLatest(knex);
        }
        const store = new DatabaseOwnershipStore(knex);

        permissionsRegistry.addResourceType({
          resourceRef: layerOwnershipResourceRef,
          permissions: runtimeStackPermissions,
          rules: Object.values(layerOwnershipPermissionRules),
          getResources: async ids =>
            Promise.all(ids.map(async id => await store.get(id))),
        });
        const isAllowed = createConditionAuthorizer(
          permissionsRegistry.getPermissionRuleset(layerOwnershipResourceRef),
        );

        const detectionRules = [
          ...defaultDetectionRules,
          ...detectionAdditions.rules(),
        ];
        const ruleProblems = validateDetectionRules(detectionRules, layerModel);
        if (ruleProblems.length > 0) {
          // Not an InputError: no request is at fault, the backend is.
          throw new Error(
            `Invalid platform detection rules: ${ruleProblems.join('; ')}`,
          );
        }
        // Set once coverage is wired below; collections start after init.
        let afterCollection = async () => {};
        const catalogLocator = readCatalogLocatorOptions(config);
        const collectionSettings = readCollectionSettings(config);
        const gkeLocators = readGkeLocators(config);
        const gkeClusters =
          gkeLocators.length > 0
            ? new GkeClusters(gkeLocators, {
                accessToken: googleAccessToken(config),
                apiUrl: config.getOptionalString(
                  'runtimeStack.clusters.gke.apiUrl',
                ),
                requestTimeoutMs: collectionSettings.requestTimeoutMs,
              })
            : undefined;
        const clusters = new ClusterDirectory(
          readClusterDefinitions(config),
          combineLocated([
            catalogLocator &&
              (() =>
                readCatalogClusters({
                  catalog,
                  auth,
                  options: catalogLocator,
                })),
            gkeClusters && (() => gkeClusters.read()),
          ]),
          logger,
        );
        const clusterStore = new ClusterSnapshotStore(knex);
        await new ClusterCollectionService({
          clusters,
          settings: collectionSettings,
          store: clusterStore,
          logger,
          credentials: new ClusterCredentials(
            kubernetesPluginStrategies(config, logger),
            clusterAuthAdditions.strategies(),
          ),
          detectPlatform: objects =>
            detectClusterTools(objects, detectionRules, layerModel),
          onCollected: () => afterCollection(),
        }).schedule(scheduler);
        const serviceLocator = readServiceLocatorMethod(config);
        if (serviceLocator.unknown) {
          logger.warn(
            `kubernetes.serviceLocatorMethod '${serviceLocator.unknown}' is not one of the Kubernetes plugin's own; looking for services on every cluster, as multiTenant does`,
          );
        }
        const clusterState = new ClusterStateService({
          clusters,
          serviceLocator: serviceLocator.method,
          store: clusterStore,
          staleAfterMs: collectionSettings.staleAfterMs,
          detectServiceTools: input =>
            detectServiceTools(input, detectionRules, layerModel),
          providedByCluster: tools => toolsProvidedByCluster(tools, layerModel),
        });
        registerClusterMetrics(metrics, clusterState, logger);
        if (catalogLocator && catalogLocator.allowedHosts.length === 0) {
          logger.warn(
            'kubernetes.clusterLocatorMethods has a catalog locator, but runtimeStack.clusters.catalog.allowedHosts names no API server hosts, so no catalog cluster is collected',
          );
        }
        logger.info(
          `Collecting ${
            clusters.list().length
          } configured cluster(s) from kubernetes.clusterLocatorMethods${
            catalogLocator ? ', the catalog’s kubernetes-cluster Resources' : ''
          }${
            gkeClusters
              ? `, the clusters of ${gkeLocators.length} GKE locator(s)`
              : ''
          }`,
        );
        const effectiveOwnership = new EffectiveOwnershipService({
          store,
          catalog,
          clusterState,
          layerModel,
          organizationDefaults: readOrganizationDefaults(config, layerModel),
        });

        const recordRegistryRead = registryReadCounters(metrics);
        const imageSettings = readImageSettings(config);
        const registryStore = new RegistrySnapshotStore(knex);
        await new ImageCollectionService({
          collector: new RegistryCollector(
            registryStore,
            imageSettings,
            logger,
          ),
          clusterStore,
          clusters,
          catalog,
          auth,
          settings: imageSettings,
          logger,
          onCollected: result => {
            recordRegistryRead(result);
            return afterCollection();
          },
        }).schedule(scheduler);
        const images = new ImageService({
          clusterState,
          store: registryStore,
          settings: imageSettings,
        });

        // One resolution serves both the coverage engine and GET /profiles.
        const coverageSettings = readCoverageSettings(config, layerModel);
        httpRouter.use(
          await createRouter({
            httpAuth,
            layerModel,
            requirementProfiles: coverageSettings,
          }),
        );
        httpRouter.use(
          createOwnershipRouter({
            httpAuth,
            permissions,
            auditor,
            auth,
            catalog,
            store,
            effectiveOwnership,
            layerModel,
            isAllowed,
          }),
        );
        httpRouter.use(
          createDeclaredStackRouter({ httpAuth, catalog, layerModel }),
        );
        httpRouter.use(
          createClusterRouter({ httpAuth, permissions, catalog, clusterState }),
        );
        httpRouter.use(
          createImageRouter({ httpAuth, permissions, catalog, images }),
        );
        const observability = new ObservabilityService({
          settings: readObservabilitySettings(config),
          clusterState,
          cache,
          logger,
        });
        httpRouter.use(
          createObservabilityRouter({
            httpAuth,
            permissions,
            catalog,
            observability,
          }),
        );
        const scorecards = new ScorecardStore(knex);
        const coverageStore = new CoverageStore(knex, {
          onChanged: signalCoverageChanges(signals, logger, owners =>
            scorecards.teamsCounting(owners),
          ),
        });
        const exemptions = new ExemptionStore(knex);
        const notificationSettings = readNotificationSettings(config);
        const notifier = notificationSettings.enabled
          ? new RuntimeStackNotifier({ notifications, logger })
          : undefined;
        const coverage = new CoverageService({
          layerModel,
          settings: coverageSettings,
          catalog,
          clusterState,
          images,
          observability,
          store: coverageStore,
          ownership: effectiveOwnership,
          exemptions,
          auth,
          logger,
          ...(notifier && notificationSettings.coverageRegressions
            ? {
                onRegressions: (entityRef: string, regressions) =>
                  notifier.coverageRegressed(entityRef, regressions),
              }
            : {}),
          sourceControlToolOfHost: sourceControlToolOfHost(config),
          registryToolOfHost: registryToolOfHost(
            imageSettings.registries,
            layerModel,
          ),
        });
        const evaluation = new CoverageEvaluationService({
          coverage,
          store: coverageStore,
          catalog,
          auth,
          logger,
          settings: readCoverageEvaluationSettings(config),
          scorecards,
          exemptions,
          onEvaluated: coverageEvaluationCounters(metrics),
        });
        await evaluation.schedule(scheduler);
        if (notifier) {
          await new ExemptionExpiryNotices({
            exemptions,
            notifier,
            settings: notificationSettings.exemptionExpiry,
            logger,
            titleOf: capabilityTitlesOf(layerModel),
          }).schedule(scheduler);
        }
        afterCollection = () => evaluation.requestEvaluation();
        httpRouter.use(
          createCoverageRouter({
            httpAuth,
            permissions,
            catalog,
            coverage,
            clusters,
          }),
        );
        httpRouter.use(
          createScorecardRouter({
            httpAuth,
            permissions,
            auditor,
            auth,
            catalog,
            layerModel,
            scorecards,
            exemptions,
            coverage,
            logger,
          }),
        );
        registerRuntimeStackActions({
          actionsRegistry,
          permissions,
          catalog,
          coverage,
          ownership: effectiveOwnership,
          images,
          clusters,
          auth,
        });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
