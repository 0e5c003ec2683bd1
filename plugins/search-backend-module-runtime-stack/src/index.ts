/**
 * The runtime-stack backend module for the search plugin: a document per
 * evaluated service, with its coverage, tools and gaps.
 *
 * @packageDocumentation
 */

export { searchModuleRuntimeStack as default } from './module';
export {
  RuntimeStackCollatorFactory,
  type RuntimeStackCollatorOptions,
} from './collator/RuntimeStackCollatorFactory';
export type { RuntimeStackIndexableDocument } from './collator/serviceDocument';
