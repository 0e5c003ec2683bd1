import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The runtime-stack collator of `@internal/backstage-plugin-search-backend-module-runtime-stack`. */
      runtimeStack?: {
        /**
         * When the index of services' runtime stacks is rebuilt. Default:
         * every 10 minutes, the first a minute after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
