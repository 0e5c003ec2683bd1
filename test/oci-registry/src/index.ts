/**
 * Debian's docker-registry (CNCF distribution) on loopback for tests,
 * benchmarks and the example portal: start it with or without auth, push
 * real images to it, and mint the tokens its token auth trusts.
 *
 * @packageDocumentation
 */

export {
  hasDockerRegistry,
  startRegistry,
  type RegistryAuthOptions,
  type RegistryUser,
  type RunningRegistry,
  type StartRegistryOptions,
} from './registryProcess';
export {
  pushImage,
  type PushedImage,
  type PushImageOptions,
} from './pushImage';
export type { PushAuth } from './pushSession';
export type { ImageFormat } from './imageContent';
export { MediaTypes } from './mediaTypes';
export {
  startTokenServer,
  type TokenAccess,
  type TokenRequest,
  type TokenServer,
  type TokenServerOptions,
} from './tokenServer';
export {
  EXAMPLE_REGISTRY_HOST,
  exampleImages,
  exampleImagesDay,
  exampleRunningDigests,
  pushExampleImages,
} from './exampleImages';
export { bcryptHash } from './bcrypt';
export { createSelfSignedCertificate } from './selfSignedCertificate';
