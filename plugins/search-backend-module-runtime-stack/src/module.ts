import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { RuntimeStackCollatorFactory } from './collator/RuntimeStackCollatorFactory';

const SCHEDULE_KEY = 'search.collators.runtimeStack.schedule';

// The first evaluation waits for the first cluster collection; a minute
// lets a new portal's index hold more than an empty store.
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 1 },
};

/**
 * Indexes each evaluated service's runtime stack for search: its coverage,
 * the tools it runs with and its gaps, so that searching `linkerd` or
 * `certificate management` finds the services behind it.
 *
 * @public
 */
export const searchModuleRuntimeStack = createBackendModule({
  pluginId: 'search',
  moduleId: 'runtime-stack-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        logger,
        auth,
        discovery,
        scheduler,
        catalog,
        indexRegistry,
      }) {
        const schedule = config.has(SCHEDULE_KEY)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(SCHEDULE_KEY),
            )
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new RuntimeStackCollatorFactory({
            discovery,
            auth,
            logger,
            catalog,
          }),
        });
      },
    });
  },
});
