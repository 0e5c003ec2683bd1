/** The `ui:field` a template names to show the coverage preview. */
export const RUNTIME_STACK_COVERAGE_PREVIEW_FIELD =
  'RuntimeStackCoveragePreview';
