/**
 * Node.js library for the runtime-stack plugin: the extension points that
 * backend modules use to extend it.
 *
 * @packageDocumentation
 */

export {
  runtimeStackLayerModelExtensionPoint,
  LayerModelAdditions,
} from './extensions/layerModelExtensionPoint';
export type { RuntimeStackLayerModelExtensionPoint } from './extensions/layerModelExtensionPoint';
export { readLayerModelExtensionFromConfig } from './config/readLayerModelConfig';
export {
  runtimeStackDetectionRulesExtensionPoint,
  DetectionRuleAdditions,
} from './extensions/detectionRulesExtensionPoint';
export type { RuntimeStackDetectionRulesExtensionPoint } from './extensions/detectionRulesExtensionPoint';
export {
  runtimeStackClusterAuthExtensionPoint,
  ClusterAuthAdditions,
} from './extensions/clusterAuthExtensionPoint';
export type { RuntimeStackClusterAuthExtensionPoint } from './extensions/clusterAuthExtensionPoint';
export { layerModelFromConfig } from './layerModel/layerModelFromConfig';
export { RemoteLayerModel } from './layerModel/RemoteLayerModel';
export type { RemoteLayerModelOptions } from './layerModel/RemoteLayerModel';
