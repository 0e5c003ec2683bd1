import type { Config } from '@backstage/config';
import {
  defaultLayerModel,
  extendLayerModel,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import { readLayerModelExtensionFromConfig } from '../config/readLayerModelConfig';

/**
 * The default layer model as `runtimeStack.layerModel` in app-config extends
 * it: what a plugin other than the runtime-stack backend knows of the model
 * without asking that backend.
 *
 * @public
 */
export function layerModelFromConfig(config: Config): LayerModel {
  const extension = readLayerModelExtensionFromConfig(config);
  try {
    return extendLayerModel(defaultLayerModel, extension);
  } catch (error) {
    throw new Error(
      `runtimeStack.layerModel in app-config does not fit the layer model: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
