import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  defaultEntityPresentation,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { useTeamTitles } from '../shared/TeamTitle';
import { shortEntityName } from './entityRefs';
import { loadScorecardTeams } from './scorecardTeams';

/** A choice of a filter: the entity ref it sends and the name it shows. */
export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterOptions {
  options: FilterOption[];
  loading: boolean;
  error?: Error;
}

const SYSTEM = { defaultKind: 'system' };

const byLabel = (a: FilterOption, b: FilterOption) =>
  a.label.localeCompare(b.label, 'en-US');

/**
 * The chosen value stays a choice even when the list lacks it (the list
 * failed, or the team has no evaluated service any more), so the select
 * never shows a filter it does not say.
 */
function withChosen(options: FilterOption[], chosen: string): FilterOption[] {
  if (!chosen || options.some(o => o.value === chosen)) return options;
  return [...options, { value: chosen, label: shortEntityName(chosen) }];
}

/** The scorecard's teams, by the names the catalog gives them. */
export function useTeamOptions(chosen: string): FilterOptions {
  const api = useApi(runtimeStackApiRef);
  const teams = useAsync(() => loadScorecardTeams(api), [api]);
  const titleOf = useTeamTitles(teams.value ?? []);
  const options = useMemo(
    () =>
      withChosen(
        (teams.value ?? [])
          .map(ref => ({ value: ref, label: titleOf(ref) }))
          .sort(byLabel),
        chosen,
      ),
    [teams.value, titleOf, chosen],
  );
  return { options, loading: teams.loading, error: teams.error };
}

/** The catalog's Systems, by title where they have one. */
export function useSystemOptions(chosen: string): FilterOptions {
  const catalogApi = useApi(catalogApiRef);
  const systems = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'system' },
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title'],
    });
    return items.map(entity => ({
      value: stringifyEntityRef(entity),
      label: defaultEntityPresentation(entity, SYSTEM).primaryTitle,
    }));
  }, [catalogApi]);
  const options = useMemo(
    () => withChosen([...(systems.value ?? [])].sort(byLabel), chosen),
    [systems.value, chosen],
  );
  return { options, loading: systems.loading, error: systems.error };
}
