import { mockCredentials } from '@backstage/backend-test-utils';
import {
  clusterStateReadPermission,
  exemptionReadPermission,
  imagesReadPermission,
  observabilityReadPermission,
  ownershipReadPermission,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  loadFixture,
  startFakeKubeApiServer,
} from '@internal/fake-kube-apiserver';
import request from 'supertest';
import { kubernetesConfig } from '../__testUtils__/kubernetesConfig';
import {
  configuredCluster,
  startPortalBackend,
} from '../__testUtils__/portalBackend';

jest.setTimeout(60_000);

/** A cluster never collected: coverage is evaluated from the catalog alone. */
const kubernetes = kubernetesConfig([
  { name: 'prod-eu-1', url: 'http://127.0.0.1:9', token: 'x' },
]);
const runtimeStack = {
  ownership: {
    defaults: [{ owner: 'platform-team', capabilities: ['metrics'] }],
  },
};

type Backend = Awaited<ReturnType<typeof startPortalBackend>>['backend'];

const get = (backend: Backend, path: string) =>
  request(backend.server)
    .get(`/api/runtime-stack/entities/component/default/payments-api${path}`)
    .set('Authorization', mockCredentials.user.header());

const ownersOf = (body: any) =>
  [...body.capabilities, ...body.gaps].map((c: any) => c.owners);

describe('GET /entities/:kind/:namespace/:name/coverage owners', () => {
  it('puts owners on each capability for whoever may read ownership', async () => {
    const { backend } = await startPortalBackend(kubernetes, { runtimeStack });
    try {
      const res = await get(backend, '/coverage');
      expect(res.status).toBe(200);
      expect(ownersOf(res.body).every(Array.isArray)).toBe(true);
      expect(
        res.body.capabilities.find((c: any) => c.capability === 'metrics')
          .owners,
      ).toEqual([
        expect.objectContaining({ owner: 'group:default/platform-team' }),
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('leaves owners out, as not known, for a caller the policy denies reading ownership', async () => {
    const { backend } = await startPortalBackend(kubernetes, {
      runtimeStack,
      deniedPermissions: [ownershipReadPermission.name],
    });
    try {
      await get(backend, '/ownership').expect(403);
      const res = await get(backend, '/coverage');
      expect(res.status).toBe(200);
      expect(res.body.capabilities.length).toBeGreaterThan(0);
      expect(ownersOf(res.body).filter(o => o !== undefined)).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain('platform-team');
      expect(res.body.sourceErrors).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});

describe('GET /entities/:kind/:namespace/:name/coverage exemptions', () => {
  it('says an exempt capability is exempt, and why only to whoever may read exemptions', async () => {
    const { backend } = await startPortalBackend(kubernetes, {
      runtimeStack,
      deniedPermissions: [exemptionReadPermission.name],
    });
    try {
      const gap = (await get(backend, '/coverage')).body.gaps[0].capability;
      const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const granted = await request(backend.server)
        .post('/api/runtime-stack/exemptions')
        .set('Authorization', mockCredentials.user.header())
        .send({
          scope: { kind: 'component', ref: 'payments-api' },
          capability: gap,
          reason: 'batch job, takes no traffic',
          expiresAt,
        });
      expect(granted.status).toBe(201);

      const res = await get(backend, '/coverage');
      expect(
        res.body.capabilities.find((c: any) => c.capability === gap),
      ).toMatchObject({
        status: 'exempt',
        exemption: { capability: gap, expiresAt },
      });
      expect(JSON.stringify(res.body)).not.toContain('batch job');
    } finally {
      await backend.stop();
    }
  });
});

describe('GET /entities/:kind/:namespace/:name/coverage evidence', () => {
  const observedSources = ['cluster', 'registry', 'observability'];
  const evidenceOf = (body: any): any[] =>
    body.capabilities.flatMap((c: any) => c.evidence);

  async function coverageOnCollectedCluster(deniedPermissions: string[]) {
    const server = await startFakeKubeApiServer({
      objects: loadFixture('prod-eu-1'),
    });
    const { backend, scheduler } = await startPortalBackend(
      configuredCluster(server),
      { deniedPermissions },
    );
    try {
      await scheduler.triggerTask('runtime-stack:collect-cluster:prod-eu-1');
      const clusters = await get(backend, '/clusters');
      const res = await get(backend, '/coverage');
      expect(res.status).toBe(200);
      return { clustersStatus: clusters.status, body: res.body };
    } finally {
      await backend.stop();
      await server.close();
    }
  }

  it('keeps the figures but not what the sources saw from a caller who may not read them, as their own endpoints would refuse', async () => {
    const full = await coverageOnCollectedCluster([]);
    const observed = evidenceOf(full.body).filter(e =>
      observedSources.includes(e.source),
    );
    // The fixture's cluster shows the service's workloads and platform.
    expect(observed.some(e => e.cluster === 'prod-eu-1')).toBe(true);
    expect(JSON.stringify(full.body)).toContain('prod-eu-1');

    const denied = [
      clusterStateReadPermission.name,
      imagesReadPermission.name,
      observabilityReadPermission.name,
    ];
    const limited = await coverageOnCollectedCluster(denied);
    expect(limited.clustersStatus).toBe(403);
    expect(limited.body.overall).toEqual(full.body.overall);
    expect(
      limited.body.capabilities.map((c: any) => [
        c.capability,
        c.status,
        c.tools,
      ]),
    ).toEqual(
      full.body.capabilities.map((c: any) => [c.capability, c.status, c.tools]),
    );
    const withheld = evidenceOf(limited.body).filter(e =>
      observedSources.includes(e.source),
    );
    expect(withheld).toHaveLength(observed.length);
    for (const e of withheld) {
      expect(e.cluster).toBeUndefined();
      expect(e.seenAt).toBeUndefined();
      expect(e.detailParts).toEqual({
        kind: 'withheld',
        permission: expect.stringMatching(/^runtime-stack\.[a-z]+\.read$/),
      });
    }
    // No cluster name anywhere: not in evidence, hints nor their offers.
    expect(JSON.stringify(limited.body)).not.toContain('prod-eu-1');
    expect(
      limited.body.capabilities.filter((c: any) => c.hintParts?.offers),
    ).toEqual([]);
  });
});
