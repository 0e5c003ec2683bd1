import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  LayerModel,
  RuntimeLayer,
} from '@internal/backstage-plugin-runtime-stack-common';

/**
 * Reads from the runtime-stack backend.
 *
 * @public
 */
export interface RuntimeStackApi {
  /** The whole layer model: layers 0 to 6, their capabilities and tools. */
  getLayerModel(): Promise<LayerModel>;
  /** One layer by number. */
  getLayer(layerId: number): Promise<RuntimeLayer>;
}

/**
 * @public
 */
export const runtimeStackApiRef = createApiRef<RuntimeStackApi>().with({
  id: 'plugin.runtime-stack.api',
  pluginId: 'runtime-stack',
});
