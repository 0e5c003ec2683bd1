import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { resolve } from 'node:path';
import { CreatedServicesProvider } from './CreatedServicesProvider';
import { RuntimeStackAnnotationProcessor } from './RuntimeStackAnnotationProcessor';

/**
 * Validates `runtime-stack.io/` annotations at ingestion, so problems show in
 * the catalog's own error view, and reads the services the template wrote
 * on the portal's host.
 *
 * @public
 */
export const catalogModuleRuntimeStack = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'runtime-stack',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, discovery, auth, logger, scheduler }) {
        catalog.addProcessor(
          RuntimeStackAnnotationProcessor.fromConfig(config, {
            logger,
            discovery,
            auth,
          }),
        );
        const localPublishDir = config.getOptionalString(
          'runtimeStack.scaffolder.localPublishDir',
        );
        if (localPublishDir) {
          // Relative to the backend's working directory, like file locations.
          const provider = new CreatedServicesProvider(
            resolve(localPublishDir),
            logger,
          );
          catalog.addEntityProvider(provider);
          await scheduler.scheduleTask({
            id: 'runtime-stack:created-services',
            frequency: { seconds: 10 },
            timeout: { seconds: 30 },
            fn: async () => {
              await provider.refresh();
            },
          });
        }
      },
    });
  },
});
