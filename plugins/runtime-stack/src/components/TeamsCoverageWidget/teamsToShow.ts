import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';

/**
 * How many teams the widget loads: each is a heavy team view request, and a
 * user in many groups would otherwise send them all at once from the home
 * page. The scorecards show the rest.
 */
export const TEAMS_SHOWN = 5;

/**
 * The user's teams the widget shows: the groups among the refs the user
 * owns through, in the order of their refs so that the same ones show on
 * every visit whatever order the identity lists them in, and how many more
 * there are.
 */
export function teamsToShow(
  ownershipEntityRefs: string[],
  limit: number = TEAMS_SHOWN,
): { shown: CompoundEntityRef[]; more: number } {
  const byRef = new Map<string, CompoundEntityRef>();
  for (const ref of ownershipEntityRefs) {
    const team = parseEntityRef(ref);
    if (team.kind.toLocaleLowerCase('en-US') !== 'group') continue;
    byRef.set(stringifyEntityRef(team), team);
  }
  // By code unit, not locale: the same order in every browser language.
  const teams = [...byRef.keys()].sort().map(ref => byRef.get(ref)!);
  return {
    shown: teams.slice(0, limit),
    more: Math.max(0, teams.length - limit),
  };
}
