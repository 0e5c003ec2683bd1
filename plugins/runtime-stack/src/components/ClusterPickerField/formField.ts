import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { RUNTIME_STACK_CLUSTER_PICKER_FIELD } from './fieldName';
import { RuntimeStackClusterPicker } from './RuntimeStackClusterPicker';

/** The form field the new frontend system's blueprint loads. */
export const clusterPickerFormField = createFormField({
  name: RUNTIME_STACK_CLUSTER_PICKER_FIELD,
  component: RuntimeStackClusterPicker,
});
