import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readPositiveInteger } from '../config/readPositiveInteger';

export interface NotificationSettings {
  /** Whether anything is sent at all; teams opt in. */
  enabled: boolean;
  /** Tell a service's owners when a required capability stops being covered. */
  coverageRegressions: boolean;
  exemptionExpiry: {
    /** Tell an exemption's owners this many days before it expires. */
    warnDays: number;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
}

export function readNotificationSettings(config: Config): NotificationSettings {
  const ours = config.getOptionalConfig('runtimeStack.notifications');
  const expiry = ours?.getOptionalConfig('exemptionExpiry');
  return {
    enabled: ours?.getOptionalBoolean('enabled') ?? false,
    coverageRegressions:
      ours?.getOptionalBoolean('coverageRegressions') ?? true,
    exemptionExpiry: {
      warnDays: readPositiveInteger(
        config,
        'runtimeStack.notifications.exemptionExpiry.warnDays',
        14,
      ),
      schedule: expiry?.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            expiry.getConfig('schedule'),
          )
        : {
            frequency: { hours: 1 },
            timeout: { minutes: 5 },
            initialDelay: { minutes: 1 },
          },
    },
  };
}
