import type {
  LayerModel,
  RuntimeLayer,
} from '@internal/backstage-plugin-runtime-stack-common';

/**
 * The layers whose capabilities match the query by capability or tool name
 * (case-insensitive), keeping only the matching capabilities. An empty query
 * keeps everything.
 */
export function filterLayerModel(
  model: LayerModel,
  query: string,
): RuntimeLayer[] {
  const needle = query.trim().toLowerCase();
  if (!needle) {
    return model.layers;
  }
  const matches = (text: string) => text.toLowerCase().includes(needle);
  return model.layers
    .map(layer => ({
      ...layer,
      capabilities: layer.capabilities.filter(
        capability =>
          matches(capability.id) ||
          matches(capability.title) ||
          capability.tools.some(
            tool => matches(tool.id) || matches(tool.title),
          ),
      ),
    }))
    .filter(layer => layer.capabilities.length > 0);
}
