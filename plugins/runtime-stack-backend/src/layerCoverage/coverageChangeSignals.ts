import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  coverageSignalChannel,
  type CoverageChangedSignal,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { CoverageRecord } from './CoverageStore';

/**
 * Tells the pages open on a changed entity, and on its System, that its
 * coverage changed, so they reload it rather than show the last one until
 * the user reloads. A signal that cannot be sent costs only that: the
 * coverage is stored already.
 */
export function signalCoverageChanges(
  signals: SignalsService,
  logger: LoggerService,
) {
  return async (changed: CoverageRecord[]): Promise<void> => {
    const messages = new Map<string, CoverageChangedSignal>();
    for (const { coverage, systemRef } of changed) {
      const { entityRef, evaluatedAt } = coverage;
      messages.set(entityRef, { entityRef, evaluatedAt });
      if (systemRef) {
        messages.set(systemRef, { entityRef: systemRef, evaluatedAt });
      }
    }
    let failed = 0;
    let lastError: unknown;
    for (const message of messages.values()) {
      try {
        await signals.publish<CoverageChangedSignal>({
          recipients: { type: 'broadcast' },
          channel: coverageSignalChannel(message.entityRef),
          message,
        });
      } catch (error) {
        failed += 1;
        lastError = error;
      }
    }
    if (failed > 0) {
      logger.warn(
        `Could not signal the coverage change of ${failed} of ${
          messages.size
        } entities: ${String(lastError)}`,
      );
    }
  };
}
