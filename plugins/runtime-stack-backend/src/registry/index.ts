export {
  formatImageReference,
  parseImageReference,
  type ImageReference,
} from './imageReference';
export {
  OciRegistryClient,
  type ImageDetails,
  type ManifestResult,
  type RegistryAuth,
  type RegistryClientOptions,
} from './registryClient';
export { RegistryRequestError } from './RegistryRequestError';
export { sortTagsNewestFirst } from './tagOrder';
