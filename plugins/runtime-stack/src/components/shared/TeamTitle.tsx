import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

const GROUP = { defaultKind: 'group' };

/**
 * Groups as the catalog names them (their profiles' display names, else
 * their titles or short refs), so a team reads the same here as on its own
 * page: short refs until the catalog answers, or if it fails to.
 */
export function useTeamTitles(teamRefs: string[]): (teamRef: string) => string {
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  const key = teamRefs.join('\n');
  const presentations = useMemo(
    () =>
      new Map(
        teamRefs.map(ref => [
          ref,
          presentationApi?.forEntity(ref, GROUP) ?? {
            snapshot: defaultEntityPresentation(ref, GROUP),
            promise: undefined,
          },
        ]),
      ),
    // The refs as text: a new array of the same teams asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [presentationApi, key],
  );
  const loaded = useAsync(async () => {
    const entries = await Promise.all(
      [...presentations].map(async ([ref, p]) => {
        // A catalog that fails to answer leaves the short ref.
        const final = p.promise
          ? await p.promise.catch(() => p.snapshot)
          : p.snapshot;
        return [ref, final.primaryTitle] as const;
      }),
    );
    return new Map(entries);
  }, [presentations]);
  return useCallback(
    (ref: string) =>
      loaded.value?.get(ref) ??
      presentations.get(ref)?.snapshot.primaryTitle ??
      defaultEntityPresentation(ref, GROUP).primaryTitle,
    [loaded.value, presentations],
  );
}

/**
 * {@link useTeamTitles} for one Group. Takes no ref, for callers whose
 * subject is only sometimes a team: hooks can't be called sometimes.
 */
export function useTeamTitle(teamRef: string): string;
export function useTeamTitle(teamRef: string | undefined): string | undefined;
export function useTeamTitle(teamRef: string | undefined): string | undefined {
  const titleOf = useTeamTitles(teamRef === undefined ? [] : [teamRef]);
  return teamRef === undefined ? undefined : titleOf(teamRef);
}

/** {@link useTeamTitle} where a hook can't go, such as in a list. */
export const TeamTitle = ({ teamRef }: { teamRef: string }) => (
  <>{useTeamTitle(teamRef)}</>
);
