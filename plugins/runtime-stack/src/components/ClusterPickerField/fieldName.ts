/** The `ui:field` a template names to pick the cluster a new service runs on. */
export const RUNTIME_STACK_CLUSTER_PICKER_FIELD = 'RuntimeStackClusterPicker';
