import { Progress } from '@backstage/core-components';
import {
  createScaffolderFieldExtension,
  type FieldExtensionComponentProps,
  type FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { lazy, Suspense } from 'react';
import { RUNTIME_STACK_COVERAGE_PREVIEW_FIELD } from './fieldName';

/**
 * The coverage preview field for the new frontend system, loaded on first
 * use: `ui:field: RuntimeStackCoveragePreview`. Install it as an extension of
 * the runtime-stack plugin; it attaches to the scaffolder's form fields.
 *
 * @public
 */
export const coveragePreviewFieldExtension = FormFieldBlueprint.make({
  name: 'coverage-preview',
  params: {
    field: () => import('./formField').then(m => m.coveragePreviewFormField),
  },
});

const LazyPreview = lazy(() =>
  import('./RuntimeStackCoveragePreview').then(m => ({
    default: m.RuntimeStackCoveragePreview,
  })),
);

/**
 * The field's options for the legacy scaffolder, the component loaded on
 * first use. The field has no value and no validation, so it never blocks
 * the form.
 *
 * @public
 */
export const runtimeStackCoveragePreviewFieldOptions: FieldExtensionOptions<unknown> =
  {
    name: RUNTIME_STACK_COVERAGE_PREVIEW_FIELD,
    component: (props: FieldExtensionComponentProps<unknown>) => (
      <Suspense fallback={<Progress />}>
        <LazyPreview {...props} />
      </Suspense>
    ),
  };

/**
 * The field for legacy apps. Provide it through the legacy plugin and list
 * it inside `<ScaffolderFieldExtensions>`:
 * `export const RuntimeStackCoveragePreviewField = runtimeStackLegacyPlugin.provide(RuntimeStackCoveragePreviewFieldExtension)`.
 *
 * @public
 */
export const RuntimeStackCoveragePreviewFieldExtension =
  createScaffolderFieldExtension(runtimeStackCoveragePreviewFieldOptions);
