import type {
  LayerModel,
  RuntimeLayer,
} from '@internal/backstage-plugin-runtime-stack-common';

/**
 * The lower-cased terms of a query, which separates them with commas; none
 * for a query of blanks and commas, which filters nothing.
 */
export const filterTermsOf = (query: string): string[] =>
  query
    .split(',')
    .map(term => term.trim().toLowerCase())
    .filter(Boolean);

/**
 * The layers whose capabilities match the query by capability or tool name
 * (case-insensitive), keeping only the matching capabilities. A query of
 * several comma-separated terms keeps what matches any of them; an empty
 * query keeps everything.
 */
export function filterLayerModel(
  model: LayerModel,
  query: string,
): RuntimeLayer[] {
  const terms = filterTermsOf(query);
  if (terms.length === 0) {
    return model.layers;
  }
  const matches = (text: string) => {
    const haystack = text.toLowerCase();
    return terms.some(term => haystack.includes(term));
  };
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

/** How many capabilities the layers hold, after filtering. */
export const capabilityCount = (layers: RuntimeLayer[]) =>
  layers.reduce((sum, layer) => sum + layer.capabilities.length, 0);
