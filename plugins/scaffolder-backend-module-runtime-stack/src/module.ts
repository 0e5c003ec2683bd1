import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDeclareStackAction } from './actions/declareStack';
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
      },
      async init({ scaffolderActions, config }) {
        scaffolderActions.addActions(
          createDeclareStackAction(),
          createValidateChartAction({
            helmPath: config.getOptionalString(
              'runtimeStack.scaffolder.helmPath',
            ),
          }),
        );
      },
    });
  },
});
