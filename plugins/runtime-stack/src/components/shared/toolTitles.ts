import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';

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
