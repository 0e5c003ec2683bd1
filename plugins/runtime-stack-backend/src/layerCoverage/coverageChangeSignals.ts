import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  coverageSignalChannel,
  type CoverageChangedSignal,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { CoverageRecord } from './CoverageStore';

/**
 * Tells the pages open on a changed entity, on its System and on the groups
 * whose rollups count it (`teamsCounting` its owner) that its coverage
 * changed, so they reload it rather than show the last one until the user
 * reloads. A signal that cannot be sent costs only that: the coverage is
 * stored already.
 */
export function signalCoverageChanges(
  signals: SignalsService,
  logger: LoggerService,
  teamsCounting?: (ownerRefs: string[]) => Promise<string[]>,
) {
  return async (changed: CoverageRecord[]): Promise<void> => {
    const messages = new Map<string, CoverageChangedSignal>();
    const tell = (entityRef: string, evaluatedAt: string) =>
      messages.set(entityRef, { entityRef, evaluatedAt });
    const owners = new Set<string>();
    let latest = '';
    for (const { coverage, systemRef, ownerRef } of changed) {
      tell(coverage.entityRef, coverage.evaluatedAt);
      if (systemRef) tell(systemRef, coverage.evaluatedAt);
      if (ownerRef) owners.add(ownerRef);
      if (coverage.evaluatedAt > latest) latest = coverage.evaluatedAt;
    }
    const failures: unknown[] = [];
    try {
      const teams = owners.size > 0 ? await teamsCounting?.([...owners]) : [];
      for (const team of teams ?? []) tell(team, latest);
    } catch (error) {
      failures.push(error);
    }
    for (const message of messages.values()) {
      try {
        await signals.publish<CoverageChangedSignal>({
          recipients: { type: 'broadcast' },
          channel: coverageSignalChannel(message.entityRef),
          message,
        });
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      logger.warn(
        `Could not signal every coverage change (${
          failures.length
        } failed, of ${messages.size} entities): ${String(
          failures[failures.length - 1],
        )}`,
      );
    }
  };
}
