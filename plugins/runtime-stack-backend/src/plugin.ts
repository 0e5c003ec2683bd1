import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  defaultLayerModel,
  extendLayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  LayerModelAdditions,
  runtimeStackLayerModelExtensionPoint,
} from '@internal/backstage-plugin-runtime-stack-node';
import { createRouter } from './router';

/**
 * The Runtime Stack backend plugin: serves the layered runtime model.
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
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, httpAuth, httpRouter }) {
        // Modules have registered their additions by the time init runs.
        const layerModel = extendLayerModel(
          defaultLayerModel,
          additions.toExtension(),
        );
        const capabilityCount = layerModel.layers.reduce(
          (sum, layer) => sum + layer.capabilities.length,
          0,
        );
        logger.info(
          `Serving layer model v${layerModel.version}: ${layerModel.layers.length} layers, ${capabilityCount} capabilities`,
        );

        httpRouter.use(await createRouter({ httpAuth, layerModel }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
