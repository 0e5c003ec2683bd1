import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  GoogleServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import type {
  AuthenticationStrategy,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import type { ClusterDefinition } from './clusterConfig';

/**
 * Auth providers of the Kubernetes plugin that sign in as each user of the
 * Kubernetes tab, with a token the browser sends; a scheduled collection
 * has no user to borrow one from.
 */
const PER_USER_PROVIDERS = new Set(['oidc', 'google', 'aks']);

/** Builds the strategy of an auth provider, or undefined for one it doesn't know. */
export type StrategyFactory = (
  authProvider: string,
) => Promise<AuthenticationStrategy | undefined>;

/**
 * The Kubernetes plugin's own strategies for the providers that sign in as
 * the backend (AWS IAM, Azure workload identity, a Google service account,
 * `kubectl proxy`), so a cluster the Kubernetes tab reads that way is read
 * here with the same config and credentials.
 */
const KUBERNETES_PLUGIN_STRATEGIES: Record<
  string,
  (config: Config, logger: LoggerService) => AuthenticationStrategy
> = {
  aws: config => new AwsIamStrategy({ config }),
  azure: (_config, logger) => new AzureIdentityStrategy(logger),
  googleServiceAccount: config => new GoogleServiceAccountStrategy({ config }),
  localKubectlProxy: () => new AnonymousStrategy(),
};

/** The providers the collector signs in with when no module adds one. */
const BUILT_IN_PROVIDERS = [
  'serviceAccount',
  ...Object.keys(KUBERNETES_PLUGIN_STRATEGIES),
];

/**
 * Makes the Kubernetes plugin's strategy for a provider on first use, so a
 * portal with service account clusters only never creates a cloud client.
 */
export function kubernetesPluginStrategies(
  config: Config,
  logger: LoggerService,
): StrategyFactory {
  return async authProvider =>
    Object.hasOwn(KUBERNETES_PLUGIN_STRATEGIES, authProvider)
      ? KUBERNETES_PLUGIN_STRATEGIES[authProvider](config, logger)
      : undefined;
}

/**
 * The credential of a cluster whose `authProvider` is not `serviceAccount`
 * (those use the configured token or the pod's token file directly). One
 * strategy per provider is kept, so a strategy's token cache (Azure's) lasts
 * across requests and runs. Strategies that modules added come first: a
 * module's word on its provider is final, even for one that is per user in
 * the Kubernetes plugin.
 */
export class ClusterCredentials {
  private readonly strategies = new Map<
    string,
    Promise<AuthenticationStrategy | undefined>
  >();

  constructor(
    private readonly createStrategy: StrategyFactory,
    private readonly added: ReadonlyMap<
      string,
      AuthenticationStrategy
    > = new Map(),
  ) {}

  async credentialFor(
    cluster: ClusterDefinition & { authProvider: string },
  ): Promise<KubernetesCredential> {
    const { authProvider } = cluster;
    const fromModule = this.added.get(authProvider);
    if (fromModule) {
      return this.credentialOf(fromModule, cluster);
    }
    if (PER_USER_PROVIDERS.has(authProvider)) {
      throw new Error(
        `authProvider '${authProvider}' signs in as each user of the Kubernetes tab, and a scheduled collection has no user; give the cluster a provider that signs in as the backend (${BUILT_IN_PROVIDERS.join(
          ', ',
        )}), or add a strategy for it through runtimeStackClusterAuthExtensionPoint`,
      );
    }
    let strategy = this.strategies.get(authProvider);
    if (!strategy) {
      strategy = this.createStrategy(authProvider);
      this.strategies.set(authProvider, strategy);
    }
    const found = await strategy;
    if (!found) {
      throw new Error(
        `authProvider '${authProvider}' is not one the collector knows; use ${[
          ...BUILT_IN_PROVIDERS,
          ...this.added.keys(),
        ].join(
          ', ',
        )}, or add a strategy for it through runtimeStackClusterAuthExtensionPoint`,
      );
    }
    try {
      return await this.credentialOf(found, cluster);
    } catch (error) {
      // Azure's strategy keeps a failed token fetch as its pending one and
      // never asks again; a new strategy does.
      this.strategies.delete(authProvider);
      throw error;
    }
  }

  private credentialOf(
    strategy: AuthenticationStrategy,
    cluster: ClusterDefinition,
  ): Promise<KubernetesCredential> {
    return strategy.getCredential(
      {
        name: cluster.name,
        url: cluster.url,
        authMetadata: cluster.authMetadata ?? {},
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
        caFile: cluster.caFile,
      },
      {},
    );
  }
}
