import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';

/** The search parameters of the Teams tab. */
export const HEATMAP_PARAMS = { layer: 'layer', team: 'team' } as const;

/** A layer number from the address, or undefined for anything else. */
function layerOf(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The layer drilled into and the team whose view is open, kept in the
 * page's address beside its tab: switching tabs, a reload and a shared
 * link bring the same view back.
 */
export function useHeatmapSearchParams() {
  const [params, setParams] = useAppSearchParams();
  const update = useCallback(
    (name: string, value: string | undefined) =>
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value === undefined) next.delete(name);
          else next.set(name, value);
          return next;
        },
        // As the tabs do: the back button leaves the page, not the view.
        { replace: true },
      ),
    [setParams],
  );
  return {
    layer: layerOf(params.get(HEATMAP_PARAMS.layer)),
    team: params.get(HEATMAP_PARAMS.team) || undefined,
    setLayer: useCallback(
      (layer: number | undefined) =>
        update(
          HEATMAP_PARAMS.layer,
          layer === undefined ? undefined : String(layer),
        ),
      [update],
    ),
    setTeam: useCallback(
      (team: string | undefined) => update(HEATMAP_PARAMS.team, team),
      [update],
    ),
  };
}
