import { InputError } from '@backstage/errors';
import type {
  LayerModel,
  LayerModelExtension,
  RuntimeCapability,
} from './types';
import { validateLayerModel } from './validateLayerModel';

/**
 * Returns a new model with the extension applied: capabilities and tools
 * added, capabilities retitled or marked optional, the tools a tool runs
 * changed, layers renamed. The base model is never modified. The result is
 * validated, so a clash (a capability id used twice, a tool renamed, a tool
 * running one its capability does not list) is reported, not hidden.
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

  // After the additions, so an override can also retitle a capability that
  // the same extension adds.
  const overrides = Object.entries(extension.overrides ?? {});
  const capabilities = new Map(
    layers.flatMap(l => l.capabilities).map(c => [c.id, c]),
  );
  const unknownOverrides = overrides
    .map(([id]) => id)
    .filter(id => !capabilities.has(id));
  if (unknownOverrides.length > 0) {
    throw new InputError(
      `Cannot override ${quoteList(unknownOverrides)}: no such capability`,
    );
  }
  for (const [capabilityId, override] of overrides) {
    const { title, description, optional, providedByCluster, tools } = override;
    const capability = capabilities.get(capabilityId)!;
    if (title !== undefined) capability.title = title;
    if (description !== undefined) capability.description = description;
    if (optional !== undefined) capability.optional = optional;
    if (providedByCluster !== undefined) {
      capability.providedByCluster = providedByCluster;
    }
    overrideTools(capability, tools ?? {});
  }

  const layerTitles = Object.entries(extension.layerTitles ?? {});
  const unknownLayers = layerTitles
    .map(([key]) => key)
    .filter(key => !layers.some(l => String(l.id) === key));
  if (unknownLayers.length > 0) {
    throw new InputError(
      `Cannot rename layer ${quoteList(
        unknownLayers,
      )}: no such layer (layers are ${layers.map(l => l.id).join(', ')})`,
    );
  }
  for (const [key, title] of layerTitles) {
    layers.find(l => String(l.id) === key)!.title = title;
  }

  return validateLayerModel({ version: base.version, layers });
}

/**
 * Applies tool overrides to a capability of the copied model. Tools are
 * replaced, not changed in place: the copy still shares them with the base
 * model (and a shared tool with its other capabilities).
 */
function overrideTools(
  capability: RuntimeCapability,
  overrides: Record<string, { runs?: string[] }>,
): void {
  const unknown = Object.keys(overrides).filter(
    id => !capability.tools.some(t => t.id === id),
  );
  if (unknown.length > 0) {
    throw new InputError(
      `Cannot override tool ${quoteList(unknown)} of capability '${
        capability.id
      }': no such tool (tools are ${
        capability.tools.map(t => t.id).join(', ') || 'none'
      })`,
    );
  }
  capability.tools = capability.tools.map(tool => {
    const runs = overrides[tool.id]?.runs;
    return runs === undefined ? tool : { ...tool, runs: [...runs] };
  });
}

function quoteList(ids: string[]): string {
  return ids.map(id => `'${id}'`).join(', ');
}
