import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { FakeKubeApiServer } from '@internal/fake-kube-apiserver';
import {
  startTestBackendClosingDatabases,
  triggerableScheduler,
} from '@internal/backend-test-kit';
import { runtimeStackPlugin } from '../plugin';
import { clusterResource } from './clusterResource';
import { kubernetesConfig } from './kubernetesConfig';
import { permissionsDenying } from './permissionsDenying';

/** payments-api as the Kubernetes plugin finds it: by id, in its namespace. */
export const paymentsApiOnCluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'payments-api',
      'backstage.io/kubernetes-namespace': 'payments',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

/**
 * The runtime-stack plugin on a test backend with the Kubernetes config
 * given, an in-memory catalog of `entities` and a scheduler whose tasks run
 * when triggered.
 */
export async function startPortalBackend(
  kubernetes: object,
  {
    permission = AuthorizeResult.ALLOW,
    deniedPermissions,
    entities = [paymentsApiOnCluster],
    catalogClusterHosts = [],
    hiddenFrom,
    modules = [],
    runtimeStack = {},
  }: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** Permissions the policy denies, allowing the rest; in place of `permission`. */
    deniedPermissions?: string[];
    entities?: Entity[];
    /** runtimeStack.clusters.catalog.allowedHosts */
    catalogClusterHosts?: string[];
    /** Entities the catalog's policy hides from one user. */
    hiddenFrom?: { user: string; entityRefs: string[] };
    modules?: BackendFeature[];
    /** More of `runtimeStack`, beside the clusters' settings. */
    runtimeStack?: Record<string, unknown>;
  } = {},
) {
  const scheduler = triggerableScheduler();
  const backend = await startTestBackendClosingDatabases({
    databasePlugins: ['runtime-stack'],
    features: [
      runtimeStackPlugin,
      ...modules,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogWithVisibility(entities, hiddenFrom),
      deniedPermissions
        ? permissionsDenying(deniedPermissions)
        : mockServices.permissions.factory({ result: permission }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes,
          runtimeStack: {
            ...runtimeStack,
            clusters: {
              watch: false,
              pageSize: 100,
              catalog: { allowedHosts: catalogClusterHosts },
            },
          },
        },
      }),
    ],
  });
  return { backend, scheduler };
}

/**
 * The in-memory catalog, but answering by ref as a permission policy would:
 * the hidden entities are null (or undefined) for that user.
 */
export function catalogWithVisibility(
  entities: Entity[],
  hiddenFrom?: { user: string; entityRefs: string[] },
) {
  return catalogMockWithVisibility(entities, hiddenFrom).factory;
}

/** The catalog of `catalogWithVisibility`, to hand a service in a unit test. */
export function catalogMockWithVisibility(
  entities: Entity[],
  hiddenFrom?: { user: string; entityRefs: string[] },
) {
  const catalog = catalogServiceMock({ entities });
  const hiddenFor = (options: unknown): string[] => {
    const credentials =
      options && typeof options === 'object' && 'credentials' in options
        ? options.credentials
        : undefined;
    const { principal } = (credentials ?? {}) as {
      principal?: { userEntityRef?: string };
    };
    return hiddenFrom && principal?.userEntityRef === hiddenFrom.user
      ? hiddenFrom.entityRefs
      : [];
  };
  return catalogServiceMock.mock({
    getEntities: (query, options) => catalog.getEntities(query, options),
    getEntityByRef: async (ref, options) => {
      const entityRef = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
      return hiddenFor(options).includes(entityRef)
        ? undefined
        : catalog.getEntityByRef(ref, options);
    },
    queryEntities: (query, options) => catalog.queryEntities(query, options),
    getEntitiesByRefs: async (query, options) => {
      const { items } = await catalog.getEntitiesByRefs(query, options);
      const hidden = hiddenFor(options);
      return {
        items: items.map((entity, i) =>
          hidden.includes(query.entityRefs[i]) ? undefined : entity,
        ),
      };
    },
  });
}

/** A config cluster on the fake, beside a catalog locator that finds none. */
export const configuredCluster = (server: FakeKubeApiServer) =>
  kubernetesConfig(
    [{ name: 'prod-eu-1', url: server.url, token: server.token }],
    [{ type: 'catalog' }],
  );

/**
 * prod-eu-1 from the config, and `lab-eks`, a catalog cluster on the same
 * fake that the catalog's policy hides from `outsider`, both located.
 */
export async function startWithHiddenCatalogCluster(
  server: FakeKubeApiServer,
  outsider: string,
) {
  const started = await startPortalBackend(
    kubernetesConfig(
      [{ name: 'prod-eu-1', url: server.url, token: server.token }],
      [{ type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] }],
    ),
    {
      entities: [
        paymentsApiOnCluster,
        clusterResource('lab-eks', {
          'kubernetes.io/api-server': server.url,
          'kubernetes.io/api-server-certificate-authority': '',
          'kubernetes.io/auth-provider': 'aws',
        }),
      ],
      catalogClusterHosts: ['127.0.0.1'],
      hiddenFrom: { user: outsider, entityRefs: ['resource:default/lab-eks'] },
    },
  );
  await started.scheduler.triggerTask('runtime-stack:refresh-catalog-clusters');
  return started;
}
