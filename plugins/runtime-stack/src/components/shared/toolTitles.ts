import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';

/** Names tools by their titles in the layer model, falling back to the id. */
export function toolTitlesOf(
  layerModel: LayerModel | undefined,
): (toolId: string) => string {
  const titles = new Map(
    (layerModel?.layers ?? []).flatMap(layer =>
      layer.capabilities.flatMap(c => c.tools.map(t => [t.id, t.title])),
    ),
  );
  return toolId => titles.get(toolId) ?? toolId;
}
