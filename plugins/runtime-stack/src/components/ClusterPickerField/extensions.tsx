import { Progress } from '@backstage/core-components';
import {
  createScaffolderFieldExtension,
  type FieldExtensionComponentProps,
  type FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { lazy, Suspense } from 'react';
import { validateClusterName } from './clusterNameValidation';
import { RUNTIME_STACK_CLUSTER_PICKER_FIELD } from './fieldName';

/**
 * The cluster picker for the new frontend system, loaded on first use:
 * `ui:field: RuntimeStackClusterPicker`. It attaches to the scaffolder's
 * form fields.
 *
 * @public
 */
export const clusterPickerFieldExtension = FormFieldBlueprint.make({
  name: 'cluster-picker',
  params: {
    field: () => import('./formField').then(m => m.clusterPickerFormField),
  },
});

const LazyPicker = lazy(() =>
  import('./RuntimeStackClusterPicker').then(m => ({
    default: m.RuntimeStackClusterPicker,
  })),
);

/**
 * The picker's options for the legacy scaffolder, the component loaded on
 * first use. The form refuses a cluster the portal does not list.
 *
 * @public
 */
export const runtimeStackClusterPickerFieldOptions: FieldExtensionOptions<string> =
  {
    name: RUNTIME_STACK_CLUSTER_PICKER_FIELD,
    validation: validateClusterName,
    component: (props: FieldExtensionComponentProps<string>) => (
      <Suspense fallback={<Progress />}>
        <LazyPicker {...props} />
      </Suspense>
    ),
  };

/**
 * The picker for legacy apps. Provide it through the legacy plugin and list
 * it inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const RuntimeStackClusterPickerFieldExtension =
  createScaffolderFieldExtension(runtimeStackClusterPickerFieldOptions);
