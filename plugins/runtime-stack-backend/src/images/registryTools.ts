import { InputError } from '@backstage/errors';
import {
  registryToolOf,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RegistryDefinition } from './registryConfig';

/**
 * The container-registry tool of an image's registry host: the `tool` a
 * configured registry names, else the well-known host's. A configured tool
 * the layer model does not list for container-registry stops the start with
 * the field named.
 */
export function registryToolOfHost(
  registries: RegistryDefinition[],
  layerModel: LayerModel,
): (host: string) => string | undefined {
  const known = new Set(
    layerModel.layers
      .flatMap(layer => layer.capabilities)
      .filter(capability => capability.id === 'container-registry')
      .flatMap(capability => capability.tools.map(tool => tool.id)),
  );
  registries.forEach((registry, index) => {
    if (registry.tool && !known.has(registry.tool)) {
      throw new InputError(
        `Invalid runtimeStack.images.registries[${index}].tool '${
          registry.tool
        }': not a container-registry tool of the layer model (one of ${[
          ...known,
        ].join(', ')})`,
      );
    }
  });
  const configured = new Map(
    registries.flatMap(registry =>
      registry.tool ? [[registry.host.toLowerCase(), registry.tool]] : [],
    ),
  );
  return host => configured.get(host.toLowerCase()) ?? registryToolOf(host);
}
