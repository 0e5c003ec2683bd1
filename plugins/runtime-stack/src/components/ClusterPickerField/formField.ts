import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { validateClusterName } from './clusterNameValidation';
import { RUNTIME_STACK_CLUSTER_PICKER_FIELD } from './fieldName';
import { RuntimeStackClusterPicker } from './RuntimeStackClusterPicker';

/**
 * The form field the new frontend system's blueprint loads, refusing a
 * cluster the portal does not list as the legacy field does.
 */
export const clusterPickerFormField = createFormField({
  name: RUNTIME_STACK_CLUSTER_PICKER_FIELD,
  component: RuntimeStackClusterPicker,
  validation: validateClusterName,
});
