/**
 * A fake Google Kubernetes Engine API for tests: the `clusters.list` read of
 * `container.googleapis.com/v1`, which the Kubernetes plugin's GKE locator
 * calls, behind a bearer token, with Google's JSON error shape and failure
 * injection.
 *
 * @packageDocumentation
 */

export {
  DEFAULT_TOKEN,
  startFakeGkeApi,
  type FakeGkeApi,
  type FakeGkeApiOptions,
  type FakeGkeCluster,
} from './server';
