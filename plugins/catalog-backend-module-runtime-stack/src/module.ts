import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { RuntimeStackAnnotationProcessor } from './RuntimeStackAnnotationProcessor';

/**
 * Validates `runtime-stack.io/` annotations at ingestion, so problems show in
 * the catalog's own error view.
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
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        catalog.addProcessor(
          RuntimeStackAnnotationProcessor.fromConfig(config, { logger }),
        );
      },
    });
  },
});
