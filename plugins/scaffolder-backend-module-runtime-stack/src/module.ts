import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  layerModelFromConfig,
  RemoteLayerModel,
} from '@internal/backstage-plugin-runtime-stack-node';
import { resolve } from 'node:path';
import { createDeclareStackAction } from './actions/declareStack';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRecordOwnershipAction } from './actions/recordOwnership';
import { createValidateChartAction } from './actions/validateChart';

/**
 * Adds the Runtime Stack actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'runtime-stack',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ scaffolderActions, config, discovery, auth, logger }) {
        const localPublishDir = config.getOptionalString(
          'runtimeStack.scaffolder.localPublishDir',
        );
        // The model the runtime-stack backend serves, with what its modules
        // add; app-config's while that backend does not answer.
        const remote = new RemoteLayerModel({
          discovery,
          auth,
          logger,
          fallback: layerModelFromConfig(config),
        });
        const layerModel = () => remote.get();
        scaffolderActions.addActions(
          createDeclareStackAction({ layerModel, discovery, auth }),
          createValidateChartAction({
            helmPath: config.getOptionalString(
              'runtimeStack.scaffolder.helmPath',
            ),
          }),
          createPublishLocalAction({
            // Relative to the backend's working directory, like file locations.
            ...(localPublishDir ? { baseDir: resolve(localPublishDir) } : {}),
          }),
          createRecordOwnershipAction({ discovery, auth, layerModel }),
        );
      },
    });
  },
});
