import type { LayerModel, RuntimeCapability } from './types';

/** Looks titles up by id, falling back to the id the model does not know. */
function titleLookup(
  layerModel: LayerModel | undefined,
  entries: (capability: RuntimeCapability) => Array<[string, string]>,
): (id: string) => string {
  const titles = new Map(
    (layerModel?.layers ?? []).flatMap(layer =>
      layer.capabilities.flatMap(entries),
    ),
  );
  return id => titles.get(id) ?? id;
}

/**
 * Names tools by their titles in the layer model, falling back to the id.
 *
 * @public
 */
export const toolTitlesOf = (layerModel: LayerModel | undefined) =>
  titleLookup(layerModel, c => c.tools.map(t => [t.id, t.title]));

/**
 * Names capabilities by their titles in the layer model, falling back to the id.
 *
 * @public
 */
export const capabilityTitlesOf = (layerModel: LayerModel | undefined) =>
  titleLookup(layerModel, c => [[c.id, c.title]]);

/**
 * How the layer model names its tools and capabilities.
 *
 * @public
 */
export interface LayerModelTitles {
  toolTitleOf: (toolId: string) => string;
  capabilityTitleOf: (capabilityId: string) => string;
}

/**
 * Both lookups of a layer model; ids throughout without one.
 *
 * @public
 */
export const layerModelTitlesOf = (
  layerModel: LayerModel | undefined,
): LayerModelTitles => ({
  toolTitleOf: toolTitlesOf(layerModel),
  capabilityTitleOf: capabilityTitlesOf(layerModel),
});
