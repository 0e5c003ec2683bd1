/**
 * A fake Kubernetes API server speaking kube-apiserver's REST protocol over
 * HTTP: lists with selectors and pagination, watches with bookmarks and
 * expiry, bearer-token, EKS (IAM) and anonymous auth, and failure injection.
 *
 * @packageDocumentation
 */

export type {
  FakeKubeApiServer,
  FakeKubeApiServerOptions,
  KubeObject,
  KubeObjectRef,
  RecordedRequest,
} from './types';
export { startFakeKubeApiServer } from './server';
export { verifyAwsIamToken, type AwsIamIdentity } from './awsIamAuthenticator';
export { fixtureNames, loadFixture } from './fixtures';
export { pinImageDigests } from './pinImageDigests';
export {
  generateSyntheticEstate,
  type SyntheticEstateOptions,
} from './syntheticEstate';
