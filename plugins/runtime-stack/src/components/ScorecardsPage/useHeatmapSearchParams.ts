import { useCallback } from 'react';
import { layerNumberOf } from './layerNumberOf';
import {
  pageIndexOf,
  pageParamOf,
  useSearchParamsUpdate,
} from './useSearchParamsUpdate';

/** The search parameters of the Teams tab. */
export const HEATMAP_PARAMS = {
  layer: 'layer',
  team: 'team',
  page: 'teams.page',
} as const;

/**
 * The layer drilled into, the team whose view is open and the page of
 * teams, kept in the page's address beside its tab: switching tabs, a
 * reload and a shared link bring the same view back.
 */
export function useHeatmapSearchParams() {
  const [params, update] = useSearchParamsUpdate();
  return {
    layer: layerNumberOf(params.get(HEATMAP_PARAMS.layer)),
    team: params.get(HEATMAP_PARAMS.team) || undefined,
    /** From 0; a page past the last is the caller's to clamp. */
    page: pageIndexOf(params.get(HEATMAP_PARAMS.page)),
    setLayer: useCallback(
      (layer: number | undefined) =>
        update({
          [HEATMAP_PARAMS.layer]:
            layer === undefined ? undefined : String(layer),
        }),
      [update],
    ),
    setTeam: useCallback(
      (team: string | undefined) => update({ [HEATMAP_PARAMS.team]: team }),
      [update],
    ),
    setPage: useCallback(
      (page: number) => update({ [HEATMAP_PARAMS.page]: pageParamOf(page) }),
      [update],
    ),
  };
}
