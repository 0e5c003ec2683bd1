import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ExemptionStore } from '../scorecards/ExemptionStore';
import type { NotificationSettings } from './notificationConfig';
import type { RuntimeStackNotifier } from './RuntimeStackNotifier';
import { addDays } from '../time/days';

/**
 * Tells the owners of each exemption, once, that it expires within the
 * configured days. An exemption whose notice could not be sent is tried again
 * on the next run.
 */
export class ExemptionExpiryNotices {
  static readonly TASK_ID = 'runtime-stack:notify-expiring-exemptions';

  constructor(
    private readonly options: {
      exemptions: ExemptionStore;
      notifier: RuntimeStackNotifier;
      settings: NotificationSettings['exemptionExpiry'];
      logger: LoggerService;
      /** The layer model's title of a capability id. */
      titleOf: (capability: string) => string;
      now?: () => Date;
    },
  ) {}

  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: ExemptionExpiryNotices.TASK_ID,
      ...this.options.settings.schedule,
      // After the schedule, which config may give a scope of its own.
      scope: 'global',
      fn: async signal => {
        await this.run(signal);
      },
    });
  }

  /**
   * @param signal - the scheduler's, aborted when the run times out: it
   *   stops sending, so another replica's next run does not send alongside
   */
  async run(
    signal?: AbortSignal,
  ): Promise<{ notified: number; failed: number }> {
    const { exemptions, notifier, settings, logger, titleOf } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const due = await exemptions.list({
      expiringBefore: addDays(now, settings.warnDays),
      expiryNotNotified: true,
    });
    const sent: string[] = [];
    let revoked = 0;
    for (const exemption of due) {
      if (signal?.aborted) break;
      // Sending takes a while a notice: one revoked since the list was
      // read is not announced as about to expire.
      if (!(await exemptions.get(exemption.id))) {
        revoked += 1;
        continue;
      }
      if (
        await notifier.exemptionExpiring(
          exemption,
          titleOf(exemption.capability),
        )
      ) {
        // Marked at once: a run cut short by its timeout leaves what it sent
        // marked, so the next run does not send it again.
        await exemptions.markExpiryNotified([exemption.id]);
        sent.push(exemption.id);
      }
    }
    if (due.length > 0) {
      logger.info(
        `Notified the owners of ${sent.length} of ${due.length} exemption(s) expiring within ${settings.warnDays} days`,
      );
    }
    return {
      notified: sent.length,
      failed: due.length - revoked - sent.length,
    };
  }
}
