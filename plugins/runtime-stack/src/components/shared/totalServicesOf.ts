import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';

/**
 * The services a team's coverage counts. `services` may list fewer: the
 * backend cuts it short and leaves out what the catalog hides from the
 * caller, so an empty list need not mean an empty team. A backend before
 * `totalServices` counted only the list.
 */
export const totalServicesOf = (view: TeamView): number =>
  view.totalServices ?? view.services.length;
