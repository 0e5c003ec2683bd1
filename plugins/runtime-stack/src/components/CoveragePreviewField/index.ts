export {
  coveragePreviewFieldExtension,
  RuntimeStackCoveragePreviewFieldExtension,
  runtimeStackCoveragePreviewFieldOptions,
} from './extensions';
export { RUNTIME_STACK_COVERAGE_PREVIEW_FIELD } from './fieldName';
export { RuntimeStackCoveragePreview } from './RuntimeStackCoveragePreview';
export {
  previewEvidence,
  readPreviewChoices,
  type PreviewChoices,
} from './previewEvidence';
