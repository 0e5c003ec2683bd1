import { useApi } from '@backstage/frontend-plugin-api';
import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';

type Capability = LayerModel['layers'][number]['capabilities'][number];

/** Looks titles up by id, falling back to the id the model does not know. */
function titleLookup(
  layerModel: LayerModel | undefined,
  entries: (capability: Capability) => Array<[string, string]>,
): (id: string) => string {
  const titles = new Map(
    (layerModel?.layers ?? []).flatMap(layer =>
      layer.capabilities.flatMap(entries),
    ),
  );
  return id => titles.get(id) ?? id;
}

/** Names tools by their titles in the layer model, falling back to the id. */
export const toolTitlesOf = (layerModel: LayerModel | undefined) =>
  titleLookup(layerModel, c => c.tools.map(t => [t.id, t.title]));

/** Names capabilities by their titles in the layer model, falling back to the id. */
export const capabilityTitlesOf = (layerModel: LayerModel | undefined) =>
  titleLookup(layerModel, c => [[c.id, c.title]]);

/** How the layer model names its tools and capabilities. */
export interface LayerModelTitles {
  toolTitleOf: (toolId: string) => string;
  capabilityTitleOf: (capabilityId: string) => string;
}

export const layerModelTitlesOf = (
  layerModel: LayerModel | undefined,
): LayerModelTitles => ({
  toolTitleOf: toolTitlesOf(layerModel),
  capabilityTitleOf: capabilityTitlesOf(layerModel),
});

/**
 * Tool and capability titles from the backend's layer model; ids until it
 * has loaded, or if it cannot load, since a name is still better than nothing.
 */
export function useLayerModelTitles(): LayerModelTitles {
  const api = useApi(runtimeStackApiRef);
  const { value } = useAsync(() => api.getLayerModel(), [api]);
  return useMemo(() => layerModelTitlesOf(value), [value]);
}
