import { useEntityTitle, useEntityTitles } from './useEntityTitles';

/**
 * Groups as the catalog names them (their profiles' display names, else
 * their titles or short refs), so a team reads the same here as on its own
 * page: short refs until the catalog answers, or if it fails to.
 */
export function useTeamTitles(teamRefs: string[]): (teamRef: string) => string {
  return useEntityTitles(teamRefs, 'group');
}

/**
 * {@link useTeamTitles} for one Group. Takes no ref, for callers whose
 * subject is only sometimes a team: hooks can't be called sometimes.
 */
export function useTeamTitle(teamRef: string): string;
export function useTeamTitle(teamRef: string | undefined): string | undefined;
export function useTeamTitle(teamRef: string | undefined): string | undefined {
  return useEntityTitle(teamRef, 'group');
}

/** {@link useTeamTitle} where a hook can't go, such as in a list. */
export const TeamTitle = ({ teamRef }: { teamRef: string }) => (
  <>{useTeamTitle(teamRef)}</>
);
