/**
 * The runtime-stack backend module for the catalog plugin: validates the
 * `runtime-stack.io/` annotations of catalog entities at ingestion.
 *
 * @packageDocumentation
 */

export { catalogModuleRuntimeStack as default } from './module';
export { RuntimeStackAnnotationProcessor } from './RuntimeStackAnnotationProcessor';
