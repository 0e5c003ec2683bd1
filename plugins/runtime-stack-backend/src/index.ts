/**
 * The Runtime Stack backend plugin.
 *
 * @packageDocumentation
 */
export { runtimeStackPlugin as default } from './plugin';
export {
  layerOwnershipResourceRef,
  layerOwnershipPermissionRules,
  layerOwnershipConditions,
  createLayerOwnershipConditionalDecision,
} from './ownership/ownershipPermissionRules';
export type { OwnershipFilter } from './ownership/OwnershipStore';
