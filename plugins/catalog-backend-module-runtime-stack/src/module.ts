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
            // One replica at a time, whichever takes the task: the provider's
            // name is what the catalog files its entities under, so every
            // replica must use the same one, and a full mutation from each
            // replica's own directory would undo the others'. A replica
            // without the directory applies nothing (see the provider), so
            // only a directory that exists replaces the created services.
            // Per-replica provider names would not help: the catalog evicts,
            // at start, the entities of providers the starting replica does
            // not register (catalog.orphanProviderStrategy), and pod names
            // change on every restart.
            scope: 'global',
            fn: async () => {
              await provider.refresh();
            },
          });
        }
      },
    });
  },
});
