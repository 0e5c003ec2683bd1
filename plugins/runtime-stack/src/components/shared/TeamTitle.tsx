import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

const GROUP = { defaultKind: 'group' };

/**
 * A Group as the catalog names it (its profile's display name, else its
 * title or short ref), so a team reads the same here as on its own page.
 * The short ref shows until the catalog answers. Takes no ref, for callers
 * whose subject is only sometimes a team: hooks can't be called sometimes.
 */
export function useTeamTitle(teamRef: string): string;
export function useTeamTitle(teamRef: string | undefined): string | undefined;
export function useTeamTitle(teamRef: string | undefined): string | undefined {
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  const presentation = useMemo(() => {
    if (teamRef === undefined) return undefined;
    if (presentationApi) return presentationApi.forEntity(teamRef, GROUP);
    const snapshot = defaultEntityPresentation(teamRef, GROUP);
    return { snapshot, promise: Promise.resolve(snapshot) };
  }, [presentationApi, teamRef]);
  const loaded = useAsync(
    async () => (await presentation?.promise)?.primaryTitle,
    [presentation],
  );
  return loaded.value ?? presentation?.snapshot.primaryTitle;
}

/** {@link useTeamTitle} where a hook can't go, such as in a list. */
export const TeamTitle = ({ teamRef }: { teamRef: string }) => (
  <>{useTeamTitle(teamRef)}</>
);
