/**
 * A layer number as an address writes it, when the layer model has that
 * layer (any layer while the model loads, `knownLayers` undefined);
 * undefined for anything else, which the page shows as no layer chosen.
 */
export function layerNumberOf(
  value: string | null | undefined,
  knownLayers?: readonly number[],
): number | undefined {
  if (!value || !/^\d{1,6}$/.test(value)) return undefined;
  const layer = Number(value);
  return !knownLayers || knownLayers.includes(layer) ? layer : undefined;
}
