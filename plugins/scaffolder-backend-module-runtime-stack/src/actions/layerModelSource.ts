import {
  defaultLayerModel,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';

/**
 * The layer model an action checks its input against: fixed, or asked for
 * on each run, since the runtime-stack backend's modules can add to it.
 */
export type LayerModelSource = LayerModel | (() => Promise<LayerModel>);

export async function currentLayerModel(
  source: LayerModelSource = defaultLayerModel,
): Promise<LayerModel> {
  return typeof source === 'function' ? source() : source;
}
