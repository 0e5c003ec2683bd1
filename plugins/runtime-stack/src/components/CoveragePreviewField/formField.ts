import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { RUNTIME_STACK_COVERAGE_PREVIEW_FIELD } from './fieldName';
import { RuntimeStackCoveragePreview } from './RuntimeStackCoveragePreview';

/** The form field the new frontend system's blueprint loads. */
export const coveragePreviewFormField = createFormField({
  name: RUNTIME_STACK_COVERAGE_PREVIEW_FIELD,
  component: RuntimeStackCoveragePreview,
});
