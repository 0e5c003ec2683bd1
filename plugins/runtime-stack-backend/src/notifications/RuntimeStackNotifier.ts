import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import {
  asSentence,
  type Exemption,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { CoverageRegression } from './coverageRegressions';
import { runtimeStackTabPath } from './entityTabLink';
import { MS_PER_DAY } from '../time/days';

/** The topic users see and can mute in their notification settings. */
export const NOTIFICATION_TOPIC = 'Runtime stack';

const nameOf = (entityRef: string) => parseEntityRef(entityRef).name;

const capabilitiesText = (regressions: CoverageRegression[]) =>
  regressions.length === 1
    ? regressions[0].capability.title
    : `${regressions.length} required capabilities`;

/**
 * Tells the owners of a service, through the notifications plugin, what
 * changed in its runtime stack. Recipients are entity refs: the notifications
 * backend resolves a component or System to the members of its owner group.
 * Sending never fails the caller: a notifications backend that is down or
 * not installed is logged.
 */
/**
 * When an exemption stops counting, in UTC to the minute: "2026-12-09 00:00
 * UTC". A day alone read as "after that day", though the exemption picked
 * for a day ends as that day starts.
 */
const expiryMoment = (expiresAt: string) =>
  `${new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export class RuntimeStackNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Required capabilities of a service that got worse; true when sent. */
  async coverageRegressed(
    entityRef: string,
    regressions: CoverageRegression[],
  ): Promise<boolean> {
    if (regressions.length === 0) return false;
    const lines = regressions.map(({ capability, was }) =>
      [
        `Layer ${capability.layer} · ${capability.title}: ${capability.status}, was ${was}.`,
        capability.hint && asSentence(capability.hint),
      ]
        .filter(Boolean)
        .join(' '),
    );
    return this.send(`coverage regression of ${entityRef}`, {
      recipients: { type: 'entity', entityRef },
      payload: {
        title: `${nameOf(entityRef)}: ${capabilitiesText(
          regressions,
        )} no longer covered`,
        description: lines.join(' '),
        link: runtimeStackTabPath(entityRef),
        severity: regressions.some(r => r.capability.status === 'missing')
          ? 'high'
          : 'normal',
        topic: NOTIFICATION_TOPIC,
        // A later regression of the same service updates this notification
        // instead of adding another.
        scope: `runtime-stack/coverage/${entityRef}`,
      },
    });
  }

  /** An exemption about to expire, to its scope's owners and who asked for it; true when sent. */
  async exemptionExpiring(
    exemption: Exemption,
    capabilityTitle: string,
  ): Promise<boolean> {
    const now = (this.options.now ?? (() => new Date()))();
    const days = Math.max(
      0,
      Math.ceil((Date.parse(exemption.expiresAt) - now.getTime()) / MS_PER_DAY),
    );
    const when = days <= 1 ? 'within a day' : `in ${days} days`;
    const recipients = [exemption.scope.ref];
    if (/^(user|group):/i.test(exemption.requestedBy)) {
      recipients.push(exemption.requestedBy);
    }
    return this.send(`expiry notice of exemption ${exemption.id}`, {
      recipients: { type: 'entity', entityRef: recipients },
      payload: {
        title: `${nameOf(
          exemption.scope.ref,
        )}: exemption from ${capabilityTitle} expires ${when}`,
        // Not the reason: a policy may keep reasons from some of the team
        // (runtime-stack.exemption.read), and a notice reaches all of it;
        // the tab it links shows the reason to those who may read it.
        description: [
          `Granted by ${exemption.grantedBy}.`,
          `From ${expiryMoment(
            exemption.expiresAt,
          )} ${capabilityTitle} counts as missing again; cover it or ask for a new exemption.`,
        ].join(' '),
        link: runtimeStackTabPath(exemption.scope.ref),
        severity: 'normal',
        topic: NOTIFICATION_TOPIC,
        scope: `runtime-stack/exemption/${exemption.id}`,
      },
    });
  }

  private async send(
    what: string,
    options: Parameters<NotificationService['send']>[0],
  ): Promise<boolean> {
    try {
      await this.options.notifications.send(options);
      return true;
    } catch (error) {
      this.options.logger.warn(
        `Could not send the ${what}: ${
          isError(error) ? error.message : String(error)
        }`,
      );
      return false;
    }
  }
}
