import { useApi } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';

/**
 * The requirement profiles the backend measures against, as app-config sets
 * them (not the built-in ones, which config may retitle or add to): their
 * ids for a filter, and a profile's title by id. Until they load, or if they
 * cannot, a profile is named by its id, which the rows carry anyway.
 */
export function useRequirementProfiles(): {
  ids: string[];
  titleOf: (id: string) => string;
} {
  const api = useApi(runtimeStackApiRef);
  const { value } = useAsync(() => api.getRequirementProfiles(), [api]);
  return useMemo(() => {
    const titles = new Map(value?.profiles.map(p => [p.id, p.title]));
    return {
      ids: [...titles.keys()],
      titleOf: (id: string) => titles.get(id) ?? id,
    };
  }, [value]);
}
