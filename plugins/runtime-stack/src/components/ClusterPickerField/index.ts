export {
  clusterPickerFieldExtension,
  RuntimeStackClusterPickerFieldExtension,
  runtimeStackClusterPickerFieldOptions,
} from './extensions';
export { RUNTIME_STACK_CLUSTER_PICKER_FIELD } from './fieldName';
export { RuntimeStackClusterPicker } from './RuntimeStackClusterPicker';
