import { InputError } from '@backstage/errors';
import type { LayerModel, LayerModelExtension } from './types';
import { validateLayerModel } from './validateLayerModel';

/**
 * Returns a new model with the extension's capabilities and tools added.
 * The base model is never modified. The result is validated, so a clash
 * (a capability id used twice, a tool renamed) is reported, not hidden.
 *
 * @public
 */
export function extendLayerModel(
  base: LayerModel,
  extension: LayerModelExtension,
): LayerModel {
  const layers = base.layers.map(layer => ({
    ...layer,
    capabilities: layer.capabilities.map(capability => ({
      ...capability,
      tools: [...capability.tools],
    })),
  }));

  for (const { layer: layerId, ...capability } of extension.capabilities ??
    []) {
    const layer = layers.find(l => l.id === layerId);
    if (!layer) {
      throw new InputError(
        `Cannot add capability '${
          capability.id
        }': layer ${layerId} does not exist (layers are ${layers
          .map(l => l.id)
          .join(', ')})`,
      );
    }
    layer.capabilities.push({ ...capability, tools: [...capability.tools] });
  }

  for (const [capabilityId, tools] of Object.entries(extension.tools ?? {})) {
    const capability = layers
      .flatMap(l => l.capabilities)
      .find(c => c.id === capabilityId);
    if (!capability) {
      throw new InputError(
        `Cannot add tools to capability '${capabilityId}': no such capability`,
      );
    }
    capability.tools.push(...tools);
  }

  return validateLayerModel({ version: base.version, layers });
}
