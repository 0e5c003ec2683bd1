import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  defaultLayerModel,
  extendLayerModel,
  runtimeStackPermissions,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  LayerModelAdditions,
  readLayerModelExtensionFromConfig,
  runtimeStackLayerModelExtensionPoint,
} from '@internal/backstage-plugin-runtime-stack-node';
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
        catalog: catalogServiceRef,
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
        catalog,
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

        const effectiveOwnership = new EffectiveOwnershipService({
          store,
          catalog,
          layerModel,
          organizationDefaults: readOrganizationDefaults(config, layerModel),
        });

        httpRouter.use(await createRouter({ httpAuth, layerModel }));
        httpRouter.use(
          createOwnershipRouter({
            httpAuth,
            permissions,
            auditor,
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
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
