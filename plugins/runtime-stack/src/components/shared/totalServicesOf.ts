import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';

/**
 * The services a team's coverage counts. `services` may list fewer: the
 * backend cuts it short and leaves out what the catalog hides from the
 * caller, so an empty list need not mean an empty team. A backend before
 * `totalServices` counted only the list.
 */
export const totalServicesOf = (view: TeamView): number =>
  view.totalServices ?? view.services.length;

/** How the services a team view lists relate to those its coverage counts. */
export interface TeamListing {
  /** The services the coverage counts. */
  total: number;
  /** The services listed. */
  shown: number;
  /** Services the list would hold that the catalog hides from the reader. */
  hidden: number;
  /** The list stops at the least covered, short of the team's services. */
  cut: boolean;
}

export function teamListingOf(view: TeamView): TeamListing {
  const total = totalServicesOf(view);
  const shown = view.services.length;
  const hidden = view.hiddenServices ?? 0;
  return { total, shown, hidden, cut: shown + hidden < total };
}
