import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/** The scheduler mock as it is: installable, and its tasks run on demand. */
export type TriggerableScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
  triggerTask(id: string): Promise<void>;
};

/**
 * `mockServices.scheduler()`, typed as what it is: it is declared a plain
 * `SchedulerService`, but a test installs it with `factory()` and runs a
 * task when it wants with `triggerTask(id)`.
 */
export const triggerableScheduler = () =>
  mockServices.scheduler() as TriggerableScheduler;
