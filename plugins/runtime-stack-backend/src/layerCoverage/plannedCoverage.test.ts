import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  CoverageEvidence,
  PlannedServiceEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  loadFixture,
  startFakeKubeApiServer,
  type FakeKubeApiServer,
} from '@internal/fake-kube-apiserver';
import request from 'supertest';
import {
  configuredCluster,
  startPortalBackend,
  startWithHiddenCatalogCluster,
} from '../__testUtils__/portalBackend';

jest.setTimeout(60_000);

const links = [
  {
    title: 'Logs',
    type: 'logs',
    url: 'https://grafana.example.com/explore?cluster=${cluster}&namespace=${namespace}&app=${service}',
  },
];

type Backend = Awaited<ReturnType<typeof startPortalBackend>>['backend'];

const planned = (
  backend: Backend,
  query: Record<string, string>,
  user?: string,
) =>
  request(backend.server)
    .get('/api/runtime-stack/coverage/planned')
    .query(query)
    .set('Authorization', mockCredentials.user.header(user));

const byCapability = (evidence: CoverageEvidence[], capability: string) =>
  evidence.filter(e => e.capability === capability);

describe('GET /coverage/planned', () => {
  let server: FakeKubeApiServer;
  let backend: Backend;

  beforeAll(async () => {
    server = await startFakeKubeApiServer({
      objects: loadFixture('prod-eu-1'),
    });
    const started = await startPortalBackend(configuredCluster(server), {
      runtimeStack: { observability: { links } },
    });
    backend = started.backend;
    await started.scheduler.triggerTask(
      'runtime-stack:collect-cluster:prod-eu-1',
    );
  });
  afterAll(async () => {
    await backend?.stop();
    await server?.close();
  });

  it('tells what a cluster gives a new service in an existing namespace, and what it offers', async () => {
    const res = await planned(backend, {
      cluster: 'prod-eu-1',
      namespace: 'payments',
      name: 'payouts',
    });
    expect(res.status).toBe(200);
    const body = res.body as PlannedServiceEvidence;
    expect(body).toMatchObject({
      cluster: 'prod-eu-1',
      namespace: 'payments',
      name: 'payouts',
      stale: false,
    });
    expect(
      body.evidence.every(
        e => e.strength === 'full' || e.source === 'observability',
      ),
    ).toBe(true);
    // Every pod there runs on the cluster's CNI.
    expect(byCapability(body.evidence, 'cni-networking')).toEqual([
      expect.objectContaining({
        source: 'cluster',
        tool: 'cilium',
        cluster: 'prod-eu-1',
      }),
    ]);
    // Velero's daily Schedule includes the namespace.
    expect(byCapability(body.evidence, 'data-protection')).toEqual([
      expect.objectContaining({
        tool: 'velero',
        detail: expect.stringContaining('daily-payments-checkout'),
      }),
    ]);
    // Kyverno's ClusterPolicies match every Pod, the namespace's Policy too.
    expect(byCapability(body.evidence, 'policy').map(e => e.tool)).toContain(
      'kyverno',
    );
    // The logs link the configuration makes for it there: partial, a link.
    expect(byCapability(body.evidence, 'logging')).toEqual([
      expect.objectContaining({ source: 'observability', strength: 'partial' }),
    ]);
    // Nothing of the service itself: that is the template's to declare.
    expect(byCapability(body.evidence, 'workloads')).toEqual([]);
    expect(byCapability(body.evidence, 'health')).toEqual([]);
    expect(body.offered).toContainEqual({
      capability: 'runtime-security',
      tool: 'falco',
      cluster: 'prod-eu-1',
    });
  });

  it('gives a new namespace only what applies to every namespace', async () => {
    const res = await planned(backend, {
      cluster: 'prod-eu-1',
      namespace: 'search',
      name: 'search-api',
    });
    expect(res.status).toBe(200);
    const body = res.body as PlannedServiceEvidence;
    expect(byCapability(body.evidence, 'data-protection')).toEqual([]);
    expect(byCapability(body.evidence, 'policy').map(e => e.tool)).toContain(
      'kyverno',
    );
    expect(byCapability(body.evidence, 'cni-networking')).toHaveLength(1);
  });

  it('finds the sandbox a new service names only where the cluster offers its RuntimeClass', async () => {
    const sandbox = async (runtimeClass: string) =>
      byCapability(
        (
          await planned(backend, {
            cluster: 'prod-eu-1',
            namespace: 'media',
            name: 'thumbnailer',
            runtimeClass,
          })
        ).body.evidence,
        'container-runtime',
      ).map(e => e.tool);
    expect(await sandbox('gvisor')).toEqual(
      expect.arrayContaining(['gvisor', 'containerd']),
    );
    expect(await sandbox('kata-qemu')).toEqual(['containerd']);
  });

  it('tells the same to an MCP client through the actions registry', async () => {
    const res = await request(backend.server)
      .post(
        '/api/runtime-stack/.backstage/actions/v1/actions/runtime-stack:get-new-service-coverage-on-cluster/invoke',
      )
      .set('Authorization', mockCredentials.user.header())
      .send({ cluster: 'prod-eu-1', namespace: 'payments', name: 'payouts' });
    expect(res.status).toBe(200);
    const { output } = res.body;
    expect(output).toMatchObject({
      cluster: 'prod-eu-1',
      namespace: 'payments',
      stale: false,
      dataCollectedAt: expect.any(String),
    });
    expect(output.gives).toContainEqual(
      expect.objectContaining({
        capability: 'data-protection',
        tool: 'velero',
        source: 'cluster',
        strength: 'full',
      }),
    );
    expect(output.offers).toContainEqual({
      capability: 'runtime-security',
      tool: 'falco',
    });
  });

  it('answers 400 naming the field for a missing or malformed parameter, and 404 for an unknown cluster', async () => {
    const missing = await planned(backend, {
      namespace: 'payments',
      name: 'x',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('Invalid query: cluster: required');

    const malformed = await planned(backend, {
      cluster: 'prod-eu-1',
      namespace: 'Payments_Team',
      name: 'x',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(
      /^Invalid query: namespace: must be a Kubernetes name/,
    );

    const badClass = await planned(backend, {
      cluster: 'prod-eu-1',
      namespace: 'payments',
      name: 'x',
      runtimeClass: 'g visor',
    });
    expect(badClass.status).toBe(400);
    expect(badClass.body.error.message).toMatch(
      /^Invalid query: runtimeClass:/,
    );

    const unknown = await planned(backend, {
      cluster: 'prod-mars-1',
      namespace: 'payments',
      name: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe("No cluster named 'prod-mars-1'");
  });
});

describe('GET /coverage/planned permissions', () => {
  let server: FakeKubeApiServer;

  beforeAll(async () => {
    server = await startFakeKubeApiServer({
      objects: loadFixture('prod-eu-1'),
    });
  });
  afterAll(() => server.close());

  it('answers 403 when the policy denies reading coverage or cluster state', async () => {
    const { backend } = await startPortalBackend(configuredCluster(server), {
      permission: AuthorizeResult.DENY,
    });
    try {
      const res = await planned(backend, {
        cluster: 'prod-eu-1',
        namespace: 'payments',
        name: 'x',
      });
      expect(res.status).toBe(403);
    } finally {
      await backend.stop();
    }
  });

  it('does not tell about a catalog cluster to whom its Resource is hidden', async () => {
    const outsider = 'user:default/outsider';
    const { backend } = await startWithHiddenCatalogCluster(server, outsider);
    try {
      const query = { cluster: 'lab-eks', namespace: 'payments', name: 'x' };
      expect((await planned(backend, query)).status).toBe(200);
      const hidden = await planned(backend, query, outsider);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe("No cluster named 'lab-eks'");
    } finally {
      await backend.stop();
    }
  });
});
