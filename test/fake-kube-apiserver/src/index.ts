/**
 * A fake Kubernetes API server speaking kube-apiserver's REST protocol over
 * HTTP or HTTPS: lists with selectors and pagination, watches with bookmarks and
 * expiry, bearer-token, client-certificate, EKS (IAM) and anonymous auth, and failure injection.
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
export { generateTestPki, type KeyPairPem, type TestPki } from './testPki';
export {
  generateSyntheticEstate,
  type SyntheticEstateOptions,
} from './syntheticEstate';
