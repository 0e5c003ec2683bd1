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
export {
  RESOURCE_TYPE_LAYER_OWNERSHIP,
  ownershipReadPermission,
  ownershipUpdatePermission,
  runtimeStackPermissions,
} from './permissions';
export {
  OWNERSHIP_SCOPE_KINDS,
  OWNERSHIP_RESPONSIBILITIES,
} from './ownership/types';
export type {
  OwnershipScopeKind,
  OwnershipResponsibility,
  OwnershipScope,
  LayerOwnership,
  LayerOwnershipInput,
  OwnershipChange,
} from './ownership/types';
export type {
  OwnershipOrigin,
  EffectiveOwner,
  EffectiveCapabilityOwnership,
  EffectiveOwnership,
} from './ownership/effectiveOwnership';
export {
  ECOSYSTEM_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATION_PREFIX,
} from './annotations';
export { readDeclaredStack, mergeDeclaredStacks } from './declaredStack';
export type {
  DeclaredStack,
  DeclaredStackSource,
  DeclaredStackProblem,
  DeclaredStackReferences,
  DeclaredOwnerOverride,
  OwnerOverrideTarget,
} from './declaredStack';
