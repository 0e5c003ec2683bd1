import { createBackendModule } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  generateTestPki,
  loadFixture,
  startFakeKubeApiServer,
  type AwsIamIdentity,
  type FakeKubeApiServer,
} from '@internal/fake-kube-apiserver';
import request from 'supertest';
import { runtimeStackClusterAuthExtensionPoint } from '@internal/backstage-plugin-runtime-stack-node';
import type {
  AuthenticationStrategy,
  ClusterDetails,
} from '@backstage/plugin-kubernetes-node';
import { clusterResource } from '../__testUtils__/clusterResource';
import { kubernetesConfig } from '../__testUtils__/kubernetesConfig';
import {
  configuredCluster,
  paymentsApiOnCluster as paymentsApi,
  startPortalBackend,
  startWithHiddenCatalogCluster,
} from '../__testUtils__/portalBackend';

jest.setTimeout(60_000);

/** A catalog cluster on a fake, at its URL, signed in to as `authProvider`. */
const fakeClusterResource = (
  name: string,
  {
    url,
    authProvider,
    ca = '',
  }: { url: string; authProvider: string; ca?: string },
) =>
  clusterResource(name, {
    'kubernetes.io/api-server': url,
    'kubernetes.io/api-server-certificate-authority': ca,
    'kubernetes.io/auth-provider': authProvider,
  });

/** `GET /clusters` as a user (the mock user by default). */
async function listClusters(
  backend: { server: Parameters<typeof request>[0] },
  user?: string,
): Promise<Array<Record<string, any>>> {
  const response = await request(backend.server)
    .get('/api/runtime-stack/clusters')
    .set('Authorization', mockCredentials.user.header(user));
  expect(response.status).toBe(200);
  return response.body.items;
}

/**
 * An EKS-like fake cluster that takes the tokens of this IAM identity,
 * which the AWS SDK finds in the environment until `close`.
 */
async function startFakeEks(identity: AwsIamIdentity) {
  const eks = await startFakeKubeApiServer({
    objects: loadFixture('prod-eu-1'),
    awsIam: identity,
  });
  const saved = { ...process.env };
  process.env.AWS_ACCESS_KEY_ID = identity.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = identity.secretAccessKey;
  process.env.AWS_REGION = 'eu-west-1';
  return {
    eks,
    close: async () => {
      process.env = saved;
      await eks.close();
    },
  };
}

describe('cluster state API', () => {
  let server: FakeKubeApiServer;

  beforeAll(async () => {
    server = await startFakeKubeApiServer({
      objects: loadFixture('prod-eu-1'),
    });
  });
  afterAll(() => server.close());

  it('collects each configured cluster as its own global task and serves the result from the store', async () => {
    const { backend, scheduler } = await startPortalBackend(
      configuredCluster(server),
    );
    try {
      expect(await scheduler.getScheduledTasks()).toEqual([
        expect.objectContaining({
          id: 'runtime-stack:collect-cluster:prod-eu-1',
          scope: 'global',
        }),
        // The config has a catalog locator too; every replica reads it.
        expect.objectContaining({
          id: 'runtime-stack:refresh-catalog-clusters',
          scope: 'local',
        }),
        expect.objectContaining({
          id: 'runtime-stack:evaluate-coverage',
          scope: 'global',
        }),
      ]);

      expect(await listClusters(backend)).toEqual([
        expect.objectContaining({
          name: 'prod-eu-1',
          stale: true,
          objectCount: 0,
        }),
      ]);

      await scheduler.triggerTask('runtime-stack:collect-cluster:prod-eu-1');
      const collectedAt = new Date().toISOString();
      const requestsAfterCollection = server.requests.length;

      // The collection triggered the coverage evaluation, so the coverage
      // read is a lookup of what was evaluated before it.
      const coverage = await request(backend.server)
        .get(
          '/api/runtime-stack/entities/component/default/payments-api/coverage',
        )
        .set('Authorization', mockCredentials.user.header());
      expect(coverage.status).toBe(200);
      expect(coverage.body.evaluatedAt <= collectedAt).toBe(true);
      expect(
        coverage.body.capabilities.find(
          (c: { capability: string }) => c.capability === 'workloads',
        ),
      ).toMatchObject({
        status: 'covered',
        evidence: [expect.objectContaining({ source: 'cluster' })],
      });

      const [collected] = await listClusters(backend);
      expect(collected).toMatchObject({ name: 'prod-eu-1', stale: false });
      expect(collected.objectCount).toBeGreaterThan(50);

      const entity = await request(backend.server)
        .get(
          '/api/runtime-stack/entities/component/default/payments-api/clusters',
        )
        .set('Authorization', mockCredentials.user.header());
      expect(entity.status).toBe(200);
      expect(entity.body.entityRef).toBe('component:default/payments-api');
      expect(entity.body.clusters).toHaveLength(1);
      expect(entity.body.clusters[0].workloads).toContainEqual(
        expect.objectContaining({ kind: 'Deployment', name: 'payments-api' }),
      );
      // Page views are answered from the store, never from the cluster.
      expect(server.requests.length).toBe(requestsAfterCollection);
    } finally {
      await backend.stop();
    }
  });

  it('answers for a service whose label selector it cannot read as for one found nowhere, and says why', async () => {
    const unreadable: Entity = {
      ...paymentsApi,
      metadata: {
        name: 'search-indexer',
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=search-indexer,what is this',
        },
      },
    };
    const owner: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments-team', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    const { backend, scheduler } = await startPortalBackend(
      configuredCluster(server),
      { entities: [paymentsApi, unreadable, owner] },
    );
    try {
      await scheduler.triggerTask('runtime-stack:collect-cluster:prod-eu-1');
      const as = mockCredentials.user.header();
      const api = '/api/runtime-stack';
      const entityPath = `${api}/entities/component/default/search-indexer`;

      const clusters = await request(backend.server)
        .get(`${entityPath}/clusters`)
        .set('Authorization', as);
      expect(clusters.status).toBe(200);
      expect(clusters.body.clusters).toEqual([]);
      expect(clusters.body.selector.problem).toMatch(
        /backstage\.io\/kubernetes-label-selector annotation cannot be read.*found 'is'/,
      );

      for (const view of ['images', 'observability', 'ownership', 'coverage']) {
        const res = await request(backend.server)
          .get(`${entityPath}/${view}`)
          .set('Authorization', as);
        expect({ view, status: res.status }).toEqual({ view, status: 200 });
      }

      // Ownership of it is written and checked as for any service.
      const record = {
        scope: { kind: 'component', ref: 'component:default/search-indexer' },
        layer: 6,
        owner: 'group:default/payments-team',
        responsibility: 'operates',
      };
      const check = await request(backend.server)
        .post(`${api}/ownership/check`)
        .set('Authorization', as)
        .send({ records: [record] });
      expect(check.status).toBe(200);
      const created = await request(backend.server)
        .post(`${api}/ownership`)
        .set('Authorization', as)
        .send(record);
      expect(created.status).toBe(201);
      const updated = await request(backend.server)
        .put(`${api}/ownership/${created.body.id}`)
        .set('Authorization', as)
        .send({ ...record, layer: 5, version: created.body.version });
      expect(updated.status).toBe(200);
    } finally {
      await backend.stop();
    }
  });

  it('answers 404 for an entity the catalog does not have, 400 for coverage of a kind other than Component, and 401 without credentials', async () => {
    const { backend } = await startPortalBackend(configuredCluster(server));
    try {
      const missing = await request(backend.server)
        .get('/api/runtime-stack/entities/component/default/nope/clusters')
        .set('Authorization', mockCredentials.user.header());
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(/component:default\/nope/);

      // Only Components have a coverage of their own, which a read stores.
      const group = await request(backend.server)
        .get('/api/runtime-stack/entities/group/default/payments-team/coverage')
        .set('Authorization', mockCredentials.user.header());
      expect(group.status).toBe(400);
      expect(group.body.error.message).toMatch(
        /^Invalid kind 'group': coverage is evaluated for Components/,
      );

      const anonymous = await request(backend.server)
        .get('/api/runtime-stack/clusters')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });

  it('answers 403 when the policy denies runtime-stack.clusters.read', async () => {
    const { backend } = await startPortalBackend(configuredCluster(server), {
      permission: AuthorizeResult.DENY,
    });
    try {
      const res = await request(backend.server)
        .get(
          '/api/runtime-stack/entities/component/default/payments-api/clusters',
        )
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/cluster state/);
    } finally {
      await backend.stop();
    }
  });

  it('collects an EKS cluster as the Kubernetes plugin reads it, with the backend AWS identity', async () => {
    const { eks, close } = await startFakeEks({
      clusterId: 'prod-eu-eks',
      accessKeyId: 'AKIAFAKEPORTAL',
      secretAccessKey: 'portal/secret',
    });
    const { backend, scheduler } = await startPortalBackend(
      kubernetesConfig([
        {
          name: 'eks-prod',
          url: eks.url,
          authProvider: 'aws',
          authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'prod-eu-eks' },
        },
      ]),
    );
    try {
      await scheduler.triggerTask('runtime-stack:collect-cluster:eks-prod');
      const [eksProd] = await listClusters(backend);
      expect(eksProd).toMatchObject({ name: 'eks-prod', stale: false });
      expect(eksProd).not.toHaveProperty('lastError');
      expect(eksProd.objectCount).toBeGreaterThan(50);
      expect(eks.requests.every(r => r.status === 200)).toBe(true);
    } finally {
      await backend.stop();
      await close();
    }
  });

  it('signs in to a cluster with a strategy a module added for its authProvider', async () => {
    const asked: ClusterDetails[] = [];
    // A company's own token broker, as a Kubernetes auth strategy.
    const vault: AuthenticationStrategy = {
      getCredential: async cluster => {
        asked.push(cluster);
        return { type: 'bearer token', token: server.token };
      },
      validateCluster: () => [],
      presentAuthMetadata: () => ({}),
    };
    const { backend, scheduler } = await startPortalBackend(
      kubernetesConfig([
        {
          name: 'vault-cluster',
          url: server.url,
          authProvider: 'vault',
          authMetadata: { 'vault.example.com/role': 'collector' },
        },
        // The Kubernetes plugin gives oidc clusters each user's token; a
        // module's strategy for it is taken at its word.
        { name: 'oidc-cluster', url: server.url, authProvider: 'oidc' },
      ]),
      {
        modules: [
          createBackendModule({
            pluginId: 'runtime-stack',
            moduleId: 'vault-auth',
            register(env) {
              env.registerInit({
                deps: { auth: runtimeStackClusterAuthExtensionPoint },
                async init({ auth }) {
                  auth.addAuthStrategy('vault', vault);
                  auth.addAuthStrategy('oidc', vault);
                },
              });
            },
          }),
        ],
      },
    );
    try {
      const before = server.requests.length;
      await scheduler.triggerTask(
        'runtime-stack:collect-cluster:vault-cluster',
      );
      await scheduler.triggerTask('runtime-stack:collect-cluster:oidc-cluster');
      for (const cluster of await listClusters(backend)) {
        expect(cluster).not.toHaveProperty('lastError');
        expect(cluster.objectCount).toBeGreaterThan(50);
      }
      expect(asked.map(cluster => cluster.name)).toEqual([
        'vault-cluster',
        'oidc-cluster',
      ]);
      expect(asked[0].authMetadata).toEqual({
        'vault.example.com/role': 'collector',
      });
      expect(server.requests.slice(before).every(r => r.status === 200)).toBe(
        true,
      );
    } finally {
      await backend.stop();
    }
  });

  it('collects a kubernetes-cluster Resource of the catalog, as the Kubernetes plugin locates it', async () => {
    const { eks, close } = await startFakeEks({
      clusterId: 'lab-eks',
      accessKeyId: 'AKIAFAKECATALOG',
      secretAccessKey: 'catalog/secret',
    });
    const { backend, scheduler } = await startPortalBackend(
      {
        clusterLocatorMethods: [
          { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
        ],
      },
      {
        entities: [
          paymentsApi,
          fakeClusterResource('lab-eks', { url: eks.url, authProvider: 'aws' }),
        ],
        catalogClusterHosts: ['127.0.0.1'],
      },
    );
    try {
      const clusterNames = async () =>
        (await listClusters(backend)).map(c => c.name);
      expect(await clusterNames()).toEqual([]);

      await scheduler.triggerTask('runtime-stack:refresh-catalog-clusters');
      expect(await clusterNames()).toEqual(['lab-eks']);
      await scheduler.triggerTask('runtime-stack:collect-cluster:lab-eks');

      const entity = await request(backend.server)
        .get(
          '/api/runtime-stack/entities/component/default/payments-api/clusters',
        )
        .set('Authorization', mockCredentials.user.header());
      expect(entity.body.clusters).toEqual([
        expect.objectContaining({
          cluster: 'lab-eks',
          entityRef: 'resource:default/lab-eks',
        }),
      ]);
      expect(eks.requests.every(r => r.status === 200)).toBe(true);
    } finally {
      await backend.stop();
      await close();
    }
  });

  it('verifies a catalog cluster against the CA its Resource declares', async () => {
    const pki = generateTestPki();
    const stranger = generateTestPki();
    const tlsServer = await startFakeKubeApiServer({
      objects: loadFixture('prod-eu-1'),
      tls: pki.server,
      // Behind kubectl proxy-like access, so only TLS is in question here.
      anonymous: true,
    });
    const resource = (name: string, ca: string) =>
      fakeClusterResource(name, {
        url: tlsServer.url,
        authProvider: 'localKubectlProxy',
        ca: Buffer.from(ca).toString('base64'),
      });
    const { backend, scheduler } = await startPortalBackend(
      {
        clusterLocatorMethods: [
          { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
        ],
      },
      {
        entities: [
          paymentsApi,
          resource('trusted', pki.ca.cert),
          resource('impostor', stranger.ca.cert),
        ],
        catalogClusterHosts: ['127.0.0.1'],
      },
    );
    try {
      await scheduler.triggerTask('runtime-stack:refresh-catalog-clusters');
      await scheduler.triggerTask('runtime-stack:collect-cluster:trusted');
      await scheduler.triggerTask('runtime-stack:collect-cluster:impostor');
      const byName = Object.fromEntries(
        (await listClusters(backend)).map(c => [c.name, c]),
      );
      expect(byName.trusted).not.toHaveProperty('lastError');
      expect(byName.trusted.objectCount).toBeGreaterThan(50);
      // The CA names another server: the handshake fails, nothing is sent.
      expect(byName.impostor.lastError).toMatch(/impostor: .*certificate/);
      expect(byName.impostor.objectCount).toBe(0);
    } finally {
      await backend.stop();
      await tlsServer.close();
    }
  });

  it('lists a catalog cluster only to those who can see its Resource in the catalog', async () => {
    const outsider = 'user:default/outsider';
    const { backend } = await startWithHiddenCatalogCluster(server, outsider);
    try {
      const clustersFor = async (user?: string) =>
        (await listClusters(backend, user)).map(c => [c.name, c.entityRef]);

      expect(await clustersFor()).toEqual([
        ['prod-eu-1', undefined],
        ['lab-eks', 'resource:default/lab-eks'],
      ]);
      expect(await clustersFor(outsider)).toEqual([['prod-eu-1', undefined]]);
    } finally {
      await backend.stop();
    }
  });
});
