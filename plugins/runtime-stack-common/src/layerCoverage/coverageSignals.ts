import type { JsonObject } from '@backstage/types';

/**
 * The signal channel on which the backend says that the stored coverage of
 * a Component or System changed: a status, a tool or a count, not only the
 * time of the evaluation. One channel per entity, so a page hears of its
 * own entity alone and no one learns of entities they did not ask about.
 *
 * @public
 */
export function coverageSignalChannel(entityRef: string): string {
  return `runtime-stack:coverage:${entityRef.toLocaleLowerCase('en-US')}`;
}

/**
 * The message on a coverage signal channel.
 *
 * @public
 */
export interface CoverageChangedSignal extends JsonObject {
  entityRef: string;
  /** When the evaluation that changed it ran, ISO 8601. */
  evaluatedAt: string;
}
