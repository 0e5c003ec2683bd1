import type { ActionsServiceAction } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ownershipReadPermission,
  type EffectiveOwner,
} from '@internal/backstage-plugin-runtime-stack-common';
import { startTestBackendClosingDatabases } from '@internal/backend-test-kit';
import request from 'supertest';
import { runtimeStackPlugin } from '../plugin';
import { imageForActions, owners } from './runtimeStackActions';
import { paymentsApi } from '../__testUtils__/paymentsApi';
import { permissionsDenying } from '../__testUtils__/permissionsDenying';
import { catalogWithVisibility } from '../__testUtils__/portalBackend';

jest.setTimeout(60_000);

const entities: Entity[] = [
  paymentsApi,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'team-payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-web',
      namespace: 'default',
      annotations: {
        'runtime-stack.io/images': 'registry.example.com/checkout/web',
      },
    },
    spec: { type: 'website', owner: 'team-checkout', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'refunds-api', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'team-payments',
      lifecycle: 'production',
      system: 'payments',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const SARA = 'user:default/sara-lindqvist';
const OLLY = 'user:default/olly';

const config = {
  runtimeStack: {
    ownership: {
      defaults: [
        { owner: 'group:default/platform-team', capabilities: ['metrics'] },
      ],
    },
  },
};

/**
 * The plugin with the backend's own actions registry, whose actions are
 * listed and invoked over HTTP as the actions service and the MCP actions
 * plugin do it.
 */
async function startWithActions(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  {
    deniedPermissions,
    hiddenFrom,
  }: {
    /** Permissions the policy denies, allowing the rest; in place of `permission`. */
    deniedPermissions?: string[];
    /** Entities the catalog's policy hides from one user. */
    hiddenFrom?: { user: string; entityRefs: string[] };
  } = {},
) {
  const backend = await startTestBackendClosingDatabases({
    databasePlugins: ['runtime-stack'],
    features: [
      runtimeStackPlugin,
      hiddenFrom
        ? catalogWithVisibility(entities, hiddenFrom)
        : catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({ data: config }),
      deniedPermissions
        ? permissionsDenying(deniedPermissions)
        : mockServices.permissions.factory({ result: permission }),
    ],
  });
  const base = '/api/runtime-stack/.backstage/actions/v1/actions';
  const as = (user: string) => mockCredentials.user.header(user);
  const list = async () => {
    const res = await request(backend.server)
      .get(base)
      .set('Authorization', as(SARA));
    expect(res.status).toBe(200);
    return res.body as { actions: ActionsServiceAction[] };
  };
  const invoke = async (
    name: string,
    input: Record<string, unknown>,
    user = SARA,
  ) => {
    const res = await request(backend.server)
      .post(`${base}/${encodeURIComponent(`runtime-stack:${name}`)}/invoke`)
      .set('Authorization', as(user))
      .send(input);
    if (res.status !== 200) {
      const error = new Error(res.body?.error?.message ?? res.text);
      throw Object.assign(error, { status: res.status });
    }
    return res.body as { output: any };
  };
  /** Stores an ownership record through the API, as Sara. */
  const assign = (record: object) =>
    request(backend.server)
      .post('/api/runtime-stack/ownership')
      .set('Authorization', as(SARA))
      .send(record)
      .expect(201);
  return { list, invoke, assign, stop: () => backend.stop() };
}

describe('owners as the actions tell them', () => {
  it('names the clusters an owner applies to when not all of them', () => {
    expect(
      owners([
        {
          owner: 'group:default/eu-ops',
          responsibility: 'operates',
          inheritedFrom: { kind: 'cluster', ref: 'prod-eu-1' },
          clusters: ['prod-eu-1'],
        },
        {
          owner: 'group:default/platform-team',
          responsibility: 'operates',
          inheritedFrom: { kind: 'organization', ref: 'organization' },
        },
      ] as EffectiveOwner[]),
    ).toEqual([
      {
        owner: 'group:default/eu-ops',
        responsibility: 'operates',
        inheritedFrom: 'cluster prod-eu-1',
        clusters: ['prod-eu-1'],
      },
      {
        owner: 'group:default/platform-team',
        responsibility: 'operates',
        inheritedFrom: 'organization organization',
      },
    ]);
  });
});

describe('runtime stack actions', () => {
  let started: Awaited<ReturnType<typeof startWithActions>>;
  beforeAll(async () => {
    started = await startWithActions();
  });
  afterAll(() => started.stop());

  it('are offered as read-only actions', async () => {
    const { actions } = await started.list();
    expect(
      actions
        .filter(a => a.pluginId === 'runtime-stack')
        .map(a => [a.name, a.attributes.readOnly]),
    ).toEqual([
      ['get-service-runtime-stack', true],
      ['get-service-images', true],
      ['get-new-service-coverage-on-cluster', true],
      ['get-capability-owners', true],
    ]);
  });

  it("tell a service's stack: profile, layers, capabilities with owners and hints", async () => {
    const { output } = await started.invoke('get-service-runtime-stack', {
      entityRef: 'payments-api',
    });
    expect(output.entityRef).toBe('component:default/payments-api');
    expect(output.profile).toMatchObject({ id: 'tier-1' });
    expect(output.layers.map((l: any) => l.layer).sort()).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    const metrics = output.capabilities.find(
      (c: any) => c.capability === 'metrics',
    );
    expect(metrics).toMatchObject({
      requirement: 'required',
      status: 'missing',
      owners: [
        {
          owner: 'group:default/platform-team',
          inheritedFrom: 'organization organization',
        },
      ],
    });
    expect(metrics.hint).toEqual(expect.any(String));
    expect(output.gaps).toContain('metrics');
    // Only what the profile asks for, unless asked.
    expect(
      output.capabilities.every((c: any) =>
        ['required', 'recommended'].includes(c.requirement),
      ),
    ).toBe(true);
    const all = await started.invoke('get-service-runtime-stack', {
      entityRef: 'payments-api',
      includeNotRequired: true,
    });
    expect(all.output.capabilities.length).toBeGreaterThan(
      output.capabilities.length,
    );
  });

  it('tell who owns a capability, and where that comes from', async () => {
    const { output } = await started.invoke('get-capability-owners', {
      entityRef: 'component:default/payments-api',
      capability: 'metrics',
    });
    expect(output).toEqual({
      entityRef: 'component:default/payments-api',
      capabilities: [
        {
          capability: 'metrics',
          layer: 4,
          owners: [
            {
              owner: 'group:default/platform-team',
              responsibility: 'operates',
              inheritedFrom: 'organization organization',
            },
          ],
        },
      ],
    });
  });

  it("tell a service's images: where they run, what the registry holds, drift and scans", async () => {
    const { output } = await started.invoke('get-service-images', {
      entityRef: 'checkout-web',
    });
    // No cluster runs it and its registry is not configured: what the
    // annotation says is all there is; drift is about what runs.
    expect(output).toEqual({
      entityRef: 'component:default/checkout-web',
      images: [
        {
          reference: 'registry.example.com/checkout/web',
          running: { clusters: [], digests: [] },
          declared: true,
          registryConfigured: false,
          drift: [],
          scans: [],
        },
      ],
    });
  });

  it('name the field that is wrong', async () => {
    await expect(
      started.invoke('get-service-runtime-stack', {
        entityRef: 'system:payments',
      }),
    ).rejects.toThrow(
      'entityRef: system:default/payments is not a Component; the runtime stack is per Component',
    );
    await expect(
      started.invoke('get-service-images', {
        entityRef: 'resource:default/payments-db',
      }),
    ).rejects.toThrow(
      'entityRef: resource:default/payments-db is not a Component; its images are per Component',
    );
    await expect(
      started.invoke('get-service-runtime-stack', {
        entityRef: '',
      }),
    ).rejects.toThrow(/^entityRef: /);
    await expect(
      started.invoke('get-service-runtime-stack', { entityRef: 'nonexistent' }),
    ).rejects.toThrow(
      "No entity 'component:default/nonexistent' in the catalog",
    );
    await expect(
      started.invoke('get-capability-owners', {
        entityRef: 'payments-api',
        capability: 'metricz',
      }),
    ).rejects.toThrow(
      "capability: 'metricz' is not a capability of the layer model",
    );
    await expect(
      started.invoke('get-new-service-coverage-on-cluster', {
        cluster: 'prod-eu-1',
        namespace: 'Payments',
        name: 'payouts',
      }),
    ).rejects.toThrow(/Invalid input: namespace: must be a Kubernetes name/);
    await expect(
      started.invoke('get-new-service-coverage-on-cluster', {
        cluster: 'prod-eu-1',
        namespace: 'payments',
        name: 'payouts',
      }),
    ).rejects.toThrow("No cluster named 'prod-eu-1'");
    // A misspelt field is refused by name, as the REST API refuses it,
    // rather than dropped and answered as if it were not there.
    await expect(
      started.invoke('get-new-service-coverage-on-cluster', {
        cluster: 'prod-eu-1',
        namespace: 'payments',
        name: 'payouts',
        runtimeclass: 'gvisor',
      }),
    ).rejects.toThrow(/runtimeclass/);
    await expect(
      started.invoke('get-service-runtime-stack', {
        entityRef: 'payments-api',
        includeNotrequired: true,
      }),
    ).rejects.toThrow(/includeNotrequired/);
  });

  it("tell a service's stack without owners to a caller who may read coverage but not ownership", async () => {
    const coverageOnly = await startWithActions(AuthorizeResult.ALLOW, {
      deniedPermissions: [ownershipReadPermission.name],
    });
    try {
      expect(
        (await coverageOnly.list()).actions
          .filter(a => a.pluginId === 'runtime-stack')
          .map(a => a.name),
      ).not.toContain('get-capability-owners');
      const { output } = await coverageOnly.invoke(
        'get-service-runtime-stack',
        { entityRef: 'payments-api', includeNotRequired: true },
      );
      expect(output.capabilities.length).toBeGreaterThan(0);
      expect(output.capabilities.filter((c: any) => 'owners' in c)).toEqual([]);
      expect(JSON.stringify(output)).not.toContain('platform-team');
    } finally {
      await coverageOnly.stop();
    }
  });

  it('tell no owner from a System the catalog hides from the caller', async () => {
    const hiding = await startWithActions(AuthorizeResult.ALLOW, {
      hiddenFrom: { user: OLLY, entityRefs: ['system:default/payments'] },
    });
    try {
      await hiding.assign({
        scope: { kind: 'system', ref: 'payments' },
        capability: 'metrics',
        owner: 'team-payments',
        responsibility: 'operates',
        note: 'Ask in #payments-secret',
      });
      const metricsOwners = async (user: string) => {
        const answered = await hiding.invoke(
          'get-capability-owners',
          { entityRef: 'refunds-api', capability: 'metrics' },
          user,
        );
        const stack = await hiding.invoke(
          'get-service-runtime-stack',
          { entityRef: 'refunds-api' },
          user,
        );
        const inStack = stack.output.capabilities.find(
          (c: any) => c.capability === 'metrics',
        ).owners;
        expect(inStack).toEqual(answered.output.capabilities[0].owners);
        return inStack.map((o: any) => [o.owner, o.inheritedFrom]);
      };
      expect(await metricsOwners(SARA)).toEqual([
        ['group:default/team-payments', 'system system:default/payments'],
      ]);
      expect(await metricsOwners(OLLY)).toEqual([
        ['group:default/platform-team', 'organization organization'],
      ]);
    } finally {
      await hiding.stop();
    }
  });

  it('are neither shown nor run for a caller the permission policy denies', async () => {
    const denied = await startWithActions(AuthorizeResult.DENY);
    try {
      expect(
        (await denied.list()).actions.filter(
          a => a.pluginId === 'runtime-stack',
        ),
      ).toEqual([]);
      await expect(
        denied.invoke('get-service-runtime-stack', {
          entityRef: 'payments-api',
        }),
      ).rejects.toMatchObject({ status: 404 });
      await expect(
        denied.invoke('get-capability-owners', { entityRef: 'payments-api' }),
      ).rejects.toMatchObject({ status: 404 });
      await expect(
        denied.invoke('get-service-images', { entityRef: 'payments-api' }),
      ).rejects.toMatchObject({ status: 404 });
      await expect(
        denied.invoke('get-new-service-coverage-on-cluster', {
          cluster: 'prod-eu-1',
          namespace: 'payments',
          name: 'payouts',
        }),
      ).rejects.toMatchObject({ status: 404 });
    } finally {
      await denied.stop();
    }
  });
});

describe('imageForActions', () => {
  it('sums the pods per cluster and keeps the registry, drift and scan counts', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const pod = (cluster: string, name: string, container = 'app') => ({
      cluster,
      namespace: 'payments',
      pod: name,
      container,
      digest,
    });
    expect(
      imageForActions({
        reference: 'registry.example.com/payments/payments-api:1.14.2',
        registry: 'registry.example.com',
        repository: 'payments/payments-api',
        tag: '1.14.2',
        running: [
          pod('prod-eu-1', 'a'),
          pod('prod-eu-1', 'a', 'init'),
          pod('prod-eu-1', 'b'),
          pod('prod-us-1', 'c'),
        ],
        declared: false,
        registryConfigured: true,
        current: { tag: '1.14.2', digest, created: '2026-10-01T00:00:00Z' },
        newest: [{ tag: '1.15.0', digest: `sha256:${'b'.repeat(64)}` }],
        drift: [
          {
            kind: 'newer-tag',
            message: 'A newer version is in the registry: 1.15.0',
            evidence: ['1.15.0 built 2026-11-01'],
          },
        ],
        scans: [
          {
            cluster: 'prod-eu-1',
            namespace: 'payments',
            report: 'replicaset-payments-api-7d9f-app',
            container: 'app',
            scanner: 'Trivy 0.52.0',
            counts: { critical: 1, high: 4 },
          },
        ],
      }),
    ).toEqual({
      reference: 'registry.example.com/payments/payments-api:1.14.2',
      running: {
        clusters: [
          { cluster: 'prod-eu-1', pods: 2 },
          { cluster: 'prod-us-1', pods: 1 },
        ],
        digests: [digest],
      },
      declared: false,
      registryConfigured: true,
      current: { tag: '1.14.2', digest },
      newestTag: '1.15.0',
      drift: [
        {
          kind: 'newer-tag',
          message: 'A newer version is in the registry: 1.15.0',
        },
      ],
      scans: [
        { cluster: 'prod-eu-1', scanner: 'Trivy 0.52.0', critical: 1, high: 4 },
      ],
    });
  });
});
