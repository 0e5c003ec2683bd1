import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { ReadOnce } from './readOnce';

/**
 * Lets a backend module sign the cluster collector in to clusters with an
 * `authProvider` of its own, the way `kubernetesAuthStrategyExtensionPoint`
 * does for the Kubernetes plugin: a module can hand the same strategy to
 * both, so the Kubernetes tab and the runtime stack read such clusters alike.
 *
 * @public
 */
export interface RuntimeStackClusterAuthExtensionPoint {
  /**
   * Signs in to clusters whose `authProvider` (config) or
   * `kubernetes.io/auth-provider` (catalog) is `key`, with the strategy's
   * bearer token, client certificate or anonymous access. Overrides the built-in
   * strategy of the same name (`aws`, `azure`, `googleServiceAccount`,
   * `localKubectlProxy`); `serviceAccount` clusters always use their token.
   */
  addAuthStrategy(key: string, strategy: AuthenticationStrategy): void;
}

/**
 * The extension point of the `runtime-stack` backend plugin for cluster
 * authentication.
 *
 * @public
 */
export const runtimeStackClusterAuthExtensionPoint =
  createExtensionPoint<RuntimeStackClusterAuthExtensionPoint>({
    id: 'runtime-stack.cluster-auth',
  });

/**
 * Collects the strategies modules add, checked as they are added, for the
 * plugin to use once it starts.
 *
 * @public
 */
export class ClusterAuthAdditions
  implements RuntimeStackClusterAuthExtensionPoint
{
  private readonly added = new Map<string, AuthenticationStrategy>();
  private readonly once = new ReadOnce('cluster auth strategies');

  addAuthStrategy(key: string, strategy: AuthenticationStrategy): void {
    this.once.refuseAfterRead('addAuthStrategy');
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) {
      // The Kubernetes plugin refuses dashes too; one key works in both.
      throw new Error(
        `Cluster auth strategy key '${key}' must be letters and digits, starting with a letter`,
      );
    }
    if (key === 'serviceAccount') {
      throw new Error(
        `Cluster auth strategy key 'serviceAccount' is taken: those clusters use their configured token; choose another key`,
      );
    }
    if (this.added.has(key)) {
      throw new Error(`Cluster auth strategy '${key}' was added twice`);
    }
    this.added.set(key, strategy);
  }

  /** The strategies added, by key; none can be added after. */
  strategies(): ReadonlyMap<string, AuthenticationStrategy> {
    this.once.markRead();
    return new Map(this.added);
  }
}
