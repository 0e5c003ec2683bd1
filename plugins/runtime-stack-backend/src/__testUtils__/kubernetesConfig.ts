import type { JsonValue } from '@backstage/types';

/** A cluster as a test configures it: where its API answers, and the token. */
export interface TestCluster {
  name: string;
  url: string;
  token?: string;
  /** Default serviceAccount. */
  authProvider?: string;
  authMetadata?: Record<string, string>;
}

/**
 * The `kubernetes` app-config section listing these clusters through a
 * `config` locator, as a portal that runs the Kubernetes plugin writes it.
 */
export function kubernetesConfig(
  clusters: TestCluster[],
  otherLocators: Array<{ type: string; [setting: string]: JsonValue }> = [],
) {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: clusters.map(
          ({ name, url, token, authProvider, authMetadata }) => ({
            name,
            url,
            authProvider: authProvider ?? 'serviceAccount',
            ...(token !== undefined ? { serviceAccountToken: token } : {}),
            ...(authMetadata ? { authMetadata } : {}),
          }),
        ),
      },
      ...otherLocators,
    ],
  };
}
