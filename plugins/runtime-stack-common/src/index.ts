/**
 * Common types and data for the Runtime Stack plugins: the layered runtime
 * model and the catalog annotations the plugins read.
 *
 * @packageDocumentation
 */

export type {
  LayerModel,
  LayerModelExtension,
  RuntimeCapability,
  RuntimeLayer,
  RuntimeTool,
} from './layers/types';
export { defaultLayerModel } from './layers/defaultLayerModel';
export { validateLayerModel } from './layers/validateLayerModel';
export { extendLayerModel } from './layers/extendLayerModel';
export { RUNTIME_STACK_ANNOTATIONS } from './annotations';
export {
  formatDeclaredTools,
  parseDeclaredTools,
  findUnknownDeclaredTools,
} from './declaredTools';
export type { DeclaredTool } from './declaredTools';
