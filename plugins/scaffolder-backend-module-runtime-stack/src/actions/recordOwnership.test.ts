/*
 * runtime-stack:ownership:record against the real runtime-stack backend
 * plugin, started in a test backend: its ownership router, database store,
 * permission checks and catalog lookups decide every answer the action gets.
 * Only the catalog (a mock whose entities each test sets), the permission
 * policy (the portal's rule for layer ownership: members of the owning group
 * may change its records) and the scheduler (no collections) are stand-ins.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { LayerOwnership } from '@internal/backstage-plugin-runtime-stack-common';
import type { AddressInfo } from 'node:net';
import {
  layerOwnershipPermissions,
  ownershipWriteLog,
  runtimeStackFeatures,
} from '../__testUtils__/runtimeStackBackend';
import { createRecordOwnershipAction } from './recordOwnership';
import { startTestBackendClosingDatabases } from '@internal/backend-test-kit';

jest.setTimeout(30_000);

const DANA = 'user:default/dana'; // member of team-payments
/** May change every record; cleans up between the tests. */
const ADMIN = 'user:default/pat';
const PAYMENTS = 'group:default/team-payments';
const PLATFORM = 'group:default/platform-team';
const SERVICE = 'component:default/payments-fx-api';
/** Dana's membership outlived the group: the catalog no longer has it. */
const GHOSTS = 'group:default/team-ghosts';

/** The groups each user belongs to, as the portal's user info would say. */
const memberships: Record<string, string[]> = {
  [DANA]: [PAYMENTS, GHOSTS],
};

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});
const estate: Entity[] = [
  group('team-payments'),
  group('platform-team'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'team-payments' },
  },
];
const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-fx-api', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'experimental',
    owner: 'team-payments',
    system: 'payments',
  },
};

/** What the catalog shows, by ref; tests add or hold back the new service. */
const inCatalog = new Map<string, Entity>();
function showInCatalog(...entities: Entity[]) {
  for (const entity of entities) {
    inCatalog.set(stringifyEntityRef(entity), entity);
  }
}
const catalogNow = () =>
  catalogServiceMock({ entities: [...inCatalog.values()] });
const catalog = catalogServiceMock.mock({
  getEntityByRef: async (ref, options) =>
    catalogNow().getEntityByRef(
      stringifyEntityRef(
        parseEntityRef(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
      ),
      options,
    ),
  getEntitiesByRefs: async (req, options) =>
    catalogNow().getEntitiesByRefs(req, options),
  queryEntities: async (req, options) =>
    catalogNow().queryEntities(req, options),
});

/**
 * The portal's policy for layer ownership: the admin may do anything, Dana
 * may change the records owned by her groups; everything else is allowed.
 */
const permissions = layerOwnershipPermissions({
  memberships,
  admins: [ADMIN],
});

/** Notes the writes the runtime-stack plugin receives, and its answers. */
const writeLog = ownershipWriteLog();
const requests = writeLog.writes;

describe('runtime-stack:ownership:record', () => {
  let backend: Awaited<ReturnType<typeof startTestBackendClosingDatabases>>;
  let baseUrl: string;

  beforeAll(async () => {
    backend = await startTestBackendClosingDatabases({
      databasePlugins: ['runtime-stack'],
      features: runtimeStackFeatures({
        writeLog,
        catalog,
        permissions,
      }),
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}/api/runtime-stack`;
  });
  afterAll(() => backend.stop());

  /** Calls the runtime-stack backend as a user, like the portal's frontend. */
  async function call(
    user: string,
    path: string,
    init: { method?: string } = {},
  ): Promise<any> {
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { authorization: mockCredentials.user.header(user) },
    });
    if (!response.ok) {
      throw new Error(
        `${init.method ?? 'GET'} ${path} answered ${
          response.status
        }: ${await response.text()}`,
      );
    }
    return response.json();
  }

  /** The records the backend stores for the service. */
  async function storedRecords(): Promise<LayerOwnership[]> {
    const page = await call(
      ADMIN,
      `/ownership?scopeKind=component&scopeRef=${encodeURIComponent(
        SERVICE,
      )}&limit=100`,
    );
    return page.items;
  }

  beforeEach(async () => {
    // Every test starts from an empty store and a catalog with the service.
    const { items } = await call(ADMIN, '/ownership?limit=500');
    for (const record of items as LayerOwnership[]) {
      await call(ADMIN, `/ownership/${record.id}?version=${record.version}`, {
        method: 'DELETE',
      });
    }
    const left = await storedRecords();
    if (left.length > 0) {
      throw new Error(`Could not empty the store: ${JSON.stringify(left)}`);
    }
    inCatalog.clear();
    showInCatalog(...estate, service);
    requests.length = 0;
  });

  const action = createRecordOwnershipAction({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async pluginId => {
        expect(pluginId).toBe('runtime-stack');
        return baseUrl;
      },
    }),
    // Issues the user's token for runtime-stack as the scaffolder would;
    // the test backend's auth accepts it as that user.
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
    entityWaitMs: 1_000,
    retryIntervalMs: 50,
  });

  /** What the runtime-service template asks for, Argo CD and metrics chosen. */
  const templateEntries = [
    { layer: 6, owner: 'team-payments', responsibility: 'operates' },
    {
      capability: 'gitops',
      owner: PAYMENTS,
      responsibility: 'consumes',
      note: 'Argo CD deploys chart/ from the repository',
      when: true,
    },
    {
      capability: 'metrics',
      owner: PAYMENTS,
      responsibility: 'consumes',
      when: true,
    },
    {
      capability: 'alerting',
      owner: PAYMENTS,
      responsibility: 'consumes',
      when: false,
    },
  ];

  function context(
    input: object,
    overrides: { isDryRun?: boolean; user?: string } = {},
  ) {
    const ctx = createMockActionContext({ input: input as any });
    return Object.assign(ctx, {
      isDryRun: overrides.isDryRun,
      getInitiatorCredentials: async () =>
        mockCredentials.user(overrides.user ?? DANA),
    });
  }

  const outputs = (ctx: { output: jest.Mock | any }) =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);

  /** A POST by Dana the write log notes, to the ownership API or under it. */
  const post = (status: number, path = '/api/runtime-stack/ownership') => ({
    method: 'POST',
    path,
    user: DANA,
    status,
  });

  it('records the entries as the user who runs the template and outputs their ids', async () => {
    const ctx = context({
      entityRef: 'payments-fx-api',
      entries: templateEntries,
    });
    await action.handler(ctx);

    // One POST per entry that applies, authenticated as the user.
    expect(requests).toEqual([post(201), post(201), post(201)]);

    const out = outputs(ctx);
    expect(out.created).toEqual([
      expect.objectContaining({
        layer: 6,
        owner: PAYMENTS,
        responsibility: 'operates',
      }),
      expect.objectContaining({ layer: 4, capability: 'gitops' }),
      expect.objectContaining({ layer: 4, capability: 'metrics' }),
    ]);
    // The ids are those of the records the backend stored, by the user.
    const stored = await storedRecords();
    expect(stored).toHaveLength(3);
    for (const created of out.created) {
      expect(await call(ADMIN, `/ownership/${created.id}`)).toEqual(
        expect.objectContaining({
          id: created.id,
          scope: { kind: 'component', ref: SERVICE },
          layer: created.layer,
          ...(created.capability ? { capability: created.capability } : {}),
          owner: PAYMENTS,
          responsibility: created.responsibility,
          version: 1,
          createdBy: DANA,
          updatedBy: DANA,
        }),
      );
    }
    const gitops = stored.find(r => r.capability === 'gitops');
    expect(gitops?.note).toBe('Argo CD deploys chart/ from the repository');
    expect(stored.find(r => r.capability === 'metrics')?.note).toBeUndefined();
    expect(stored.some(r => r.capability === 'alerting')).toBe(false);

    expect(out.skipped).toEqual([]);
    const [layer6, gitopsOut, metrics] = out.created;
    expect(out.summary).toBe(
      [
        `- ${PAYMENTS} operates layer 6 for ${SERVICE}: recorded (${layer6.id})`,
        `- ${PAYMENTS} consumes capability 'gitops' for ${SERVICE}: recorded (${gitopsOut.id})`,
        `- ${PAYMENTS} consumes capability 'metrics' for ${SERVICE}: recorded (${metrics.id})`,
      ].join('\n'),
    );
  });

  it('skips a record that already exists and records the rest', async () => {
    await action.handler(
      context({ entityRef: SERVICE, entries: [templateEntries[1]] }),
    );
    const [existing] = await storedRecords();
    expect(existing.capability).toBe('gitops');

    const ctx = context({ entityRef: SERVICE, entries: templateEntries });
    await action.handler(ctx);

    expect(requests.map(r => r.status)).toEqual([201, 201, 409, 201]);
    const out = outputs(ctx);
    expect(out.created.map((r: any) => r.capability ?? r.layer)).toEqual([
      6,
      'metrics',
    ]);
    expect(out.skipped).toEqual([
      expect.objectContaining({
        capability: 'gitops',
        responsibility: 'consumes',
        reason: `An ownership record for consumes of capability 'gitops' for component '${SERVICE}' already exists; update that one instead`,
      }),
    ]);
    expect(out.summary).toContain(
      `- ${PAYMENTS} consumes capability 'gitops' for ${SERVICE}: skipped, a record for it already exists`,
    );
    // Nothing was overwritten.
    const stored = await storedRecords();
    expect(stored).toHaveLength(3);
    expect(stored.filter(r => r.capability === 'gitops')).toEqual([existing]);
  });

  describe('with check, before the service exists', () => {
    const checkPost = (status: number) =>
      post(status, '/api/runtime-stack/ownership/check');

    it('passes when the backend would accept every entry, writing nothing', async () => {
      inCatalog.delete(SERVICE);
      const ctx = context({
        entityRef: SERVICE,
        system: 'payments',
        check: true,
        entries: templateEntries,
      });
      await action.handler(ctx);

      expect(requests).toEqual([checkPost(200)]);
      expect(await storedRecords()).toEqual([]);
      const out = outputs(ctx);
      expect(out.created).toEqual([]);
      expect(out.summary).toBe(
        [
          `- ${PAYMENTS} operates layer 6 for ${SERVICE}: allowed`,
          `- ${PAYMENTS} consumes capability 'gitops' for ${SERVICE}: allowed`,
          `- ${PAYMENTS} consumes capability 'metrics' for ${SERVICE}: allowed`,
        ].join('\n'),
      );
    });

    it('fails naming every entry the backend would refuse, and why', async () => {
      inCatalog.delete(SERVICE);
      const ctx = context({
        entityRef: SERVICE,
        system: 'payments',
        check: true,
        entries: [
          { layer: 6, owner: PAYMENTS, responsibility: 'operates' },
          // Dana is not in platform-team.
          {
            capability: 'metrics',
            owner: PLATFORM,
            responsibility: 'operates',
          },
          // team-ghosts is one of Dana's groups, but not in the catalog.
          { layer: 5, owner: GHOSTS, responsibility: 'operates' },
        ],
      });
      const failure = action.handler(ctx);
      await expect(failure).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: [
          `The Runtime Stack backend would refuse 2 of 3 ownership record(s) for ${SERVICE}, so nothing was created:`,
          `- ${PLATFORM} operates capability 'metrics' for ${SERVICE}: You may not make ${PLATFORM} an owner: only its members may`,
          `- ${GHOSTS} operates layer 5 for ${SERVICE}: Invalid owner: ${GHOSTS} does not exist in the catalog`,
          'Pick an owner group you are a member of, or ask a member of the group named to run the template.',
        ].join('\n'),
      });
      expect(requests).toEqual([checkPost(200)]);
      expect(await storedRecords()).toEqual([]);
    });

    // Once platform-team operates a layer for a whole System or cluster, a
    // new service there may not take that layer over without its members;
    // elsewhere nothing is inherited, so the same entry passes.
    it.each([
      {
        from: 'its System',
        scope: { kind: 'system', ref: 'payments' },
        layer: 5,
        input: { system: 'payments' },
        elsewhere: {},
      },
      {
        from: 'the cluster it will run on',
        scope: { kind: 'cluster', ref: 'prod-eu-1' },
        layer: 4,
        input: { cluster: 'prod-eu-1' },
        elsewhere: { cluster: 'prod-us-1' },
      },
    ])(
      'judges what the new service inherits from $from',
      async ({ scope, layer, input, elsewhere }) => {
        const response = await fetch(`${baseUrl}/ownership`, {
          method: 'POST',
          headers: {
            authorization: mockCredentials.user.header(ADMIN),
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            scope,
            layer,
            owner: PLATFORM,
            responsibility: 'operates',
          }),
        });
        expect(response.status).toBe(201);
        inCatalog.delete(SERVICE);
        requests.length = 0;

        const entries = [
          { layer, owner: PAYMENTS, responsibility: 'operates' },
        ];
        await expect(
          action.handler(
            context({ entityRef: SERVICE, ...input, check: true, entries }),
          ),
        ).rejects.toThrow(
          `- ${PAYMENTS} operates layer ${layer} for ${SERVICE}: ${PLATFORM} owns layer ${layer} for ${SERVICE} today (operates); only its members may hand it over`,
        );
        await action.handler(
          context({ entityRef: SERVICE, ...elsewhere, check: true, entries }),
        );
        expect(requests).toEqual([checkPost(200), checkPost(200)]);
      },
    );

    // It writes nothing, so the template editor's dry run asks too, and
    // refuses what the run would.
    it('asks the backend in a dry run too, and fails there on an owner the user may not record for', async () => {
      inCatalog.delete(SERVICE);
      const allowed = context(
        { entityRef: SERVICE, check: true, entries: templateEntries },
        { isDryRun: true },
      );
      await action.handler(allowed);
      expect(requests).toEqual([checkPost(200)]);
      expect(outputs(allowed).summary).toContain(
        `- ${PAYMENTS} operates layer 6 for ${SERVICE}: allowed`,
      );

      const refused = context(
        {
          entityRef: SERVICE,
          check: true,
          // Dana is not in platform-team.
          entries: [{ layer: 6, owner: PLATFORM, responsibility: 'operates' }],
        },
        { isDryRun: true },
      );
      await expect(action.handler(refused)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          `- ${PLATFORM} operates layer 6 for ${SERVICE}: You may not make ${PLATFORM} an owner: only its members may`,
        ),
      });
      expect(requests).toEqual([checkPost(200), checkPost(200)]);
      expect(await storedRecords()).toEqual([]);
    });
  });

  it("fails with the backend's message when the user may not record for that owner (403)", async () => {
    const ctx = context({
      entityRef: SERVICE,
      entries: [
        { layer: 6, owner: PAYMENTS, responsibility: 'operates' },
        { capability: 'metrics', owner: PLATFORM, responsibility: 'operates' },
      ],
    });
    const failure = action.handler(ctx);
    await expect(failure).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `The Runtime Stack backend refused entries[1] (${PLATFORM} operates capability 'metrics' for ${SERVICE}): You may not make ${PLATFORM} an owner: only its members may`,
    });
    expect(requests.map(r => r.status)).toEqual([201, 403]);
    expect((await storedRecords()).map(r => [r.layer, r.owner])).toEqual([
      [6, PAYMENTS],
    ]);
  });

  it("fails with the backend's message naming the field on bad input (400)", async () => {
    const ctx = context({
      entityRef: SERVICE,
      entries: [{ layer: 6, owner: 'team-ghosts', responsibility: 'operates' }],
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: `The Runtime Stack backend refused entries[0] (${GHOSTS} operates layer 6 for ${SERVICE}): Invalid owner: ${GHOSTS} does not exist in the catalog`,
    });
    expect(requests.map(r => r.status)).toEqual([400]);
    expect(await storedRecords()).toEqual([]);
  });

  it('fails at once, without waiting, when there is no ownership API at all', async () => {
    // A backend without the runtime-stack plugin.
    const bare = await startTestBackend({ features: [] });
    try {
      const { port } = bare.server.address() as AddressInfo;
      const missing = createRecordOwnershipAction({
        discovery: mockServices.discovery.mock({
          getBaseUrl: async () => `http://localhost:${port}/api/runtime-stack`,
        }),
        auth: mockServices.auth({ pluginId: 'scaffolder' }),
        entityWaitMs: 60_000,
      });
      const ctx = context({
        entityRef: SERVICE,
        entries: [templateEntries[0]],
      });
      const started = Date.now();
      await expect(missing.handler(ctx)).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringContaining(
          'is the runtime-stack backend plugin installed?',
        ),
      });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await bare.stop();
    }
    expect(requests).toEqual([]);
  });

  it('names the backend it cannot reach', async () => {
    const unreachable = createRecordOwnershipAction({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => 'http://127.0.0.1:1/api/runtime-stack',
      }),
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
    const ctx = context({ entityRef: SERVICE, entries: [templateEntries[0]] });
    await expect(unreachable.handler(ctx)).rejects.toThrow(
      /Could not reach the Runtime Stack backend at http:\/\/127\.0\.0\.1:1\/api\/runtime-stack for entries\[0\]/,
    );
  });

  it('waits for the new entity to reach the catalog, then records', async () => {
    inCatalog.delete(SERVICE);
    setTimeout(() => showInCatalog(service), 200);
    const ctx = context({ entityRef: SERVICE, entries: [templateEntries[0]] });
    await action.handler(ctx);
    const statuses = requests.map(r => r.status);
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.slice(0, -1).every(s => s === 404)).toBe(true);
    expect(statuses[statuses.length - 1]).toBe(201);
    expect(outputs(ctx).created).toHaveLength(1);
    expect(await storedRecords()).toEqual([
      expect.objectContaining({ id: outputs(ctx).created[0].id, layer: 6 }),
    ]);
  });

  it('gives up when the entity never reaches the catalog', async () => {
    inCatalog.delete(SERVICE);
    const ctx = context({ entityRef: SERVICE, entries: [templateEntries[0]] });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(
        `No entity '${SERVICE}' in the catalog (waited 1 s for the catalog to show ${SERVICE})`,
      ),
    });
    expect(new Set(requests.map(r => r.status))).toEqual(new Set([404]));
    expect(await storedRecords()).toEqual([]);
  });

  it('checks the entries and outputs what it would record in a dry run, without any request', async () => {
    const ctx = context(
      { entityRef: SERVICE, entries: templateEntries },
      { isDryRun: true },
    );
    await action.handler(ctx);
    expect(requests).toEqual([]);
    expect(await storedRecords()).toEqual([]);
    const out = outputs(ctx);
    expect(out.records).toEqual([
      {
        scope: { kind: 'component', ref: SERVICE },
        layer: 6,
        owner: PAYMENTS,
        responsibility: 'operates',
      },
      {
        scope: { kind: 'component', ref: SERVICE },
        layer: 4,
        capability: 'gitops',
        owner: PAYMENTS,
        responsibility: 'consumes',
        note: 'Argo CD deploys chart/ from the repository',
      },
      {
        scope: { kind: 'component', ref: SERVICE },
        layer: 4,
        capability: 'metrics',
        owner: PAYMENTS,
        responsibility: 'consumes',
      },
    ]);
    expect(out.created).toEqual([]);
    expect(out.skipped).toEqual([]);
    expect(out.summary).toContain(
      `- ${PAYMENTS} operates layer 6 for ${SERVICE}: would be recorded`,
    );
  });

  it.each([
    [
      {
        capability: 'teleportation',
        owner: PAYMENTS,
        responsibility: 'operates',
      },
      /Invalid entries\[0\]\.capability: 'teleportation' is not a capability/,
    ],
    [
      {
        capability: 'metrics',
        layer: 3,
        owner: PAYMENTS,
        responsibility: 'operates',
      },
      /Invalid entries\[0\]\.layer: capability 'metrics' belongs to layer 4, not 3/,
    ],
    [
      { layer: 9, owner: PAYMENTS, responsibility: 'operates' },
      /Invalid entries\[0\]\.layer: 9 is not a layer of the model \(0-6\)/,
    ],
    [
      { owner: PAYMENTS, responsibility: 'operates' },
      /Invalid entries\[0\]\.layer: give a layer \(0-6\) or a capability/,
    ],
    [
      { layer: 6, owner: DANA, responsibility: 'operates' },
      /Invalid entries\[0\]\.owner: expected a group entity ref such as group:default\/name, got 'user:default\/dana'/,
    ],
    [
      { layer: 6, owner: PAYMENTS, responsibility: 'blames' },
      /Invalid entries\[0\]: responsibility: Invalid option: expected one of "operates"\|"supports"\|"consumes"/,
    ],
    [
      {
        layer: 6,
        owner: PAYMENTS,
        responsibility: 'operates',
        // eslint-disable-next-line no-script-url -- the hostile link under test
        link: 'javascript:alert(1)',
      },
      /Invalid entries\[0\]: link: must be an http\(s\) URL/,
    ],
    [
      {
        layer: 6,
        owner: PAYMENTS,
        responsibility: 'operates',
        note: 'x'.repeat(2001),
      },
      /Invalid entries\[0\]: note: must be at most 2000 characters/,
    ],
  ])(
    'refuses bad entries naming the field, in a dry run too (%#)',
    async (entry, message) => {
      for (const isDryRun of [true, false]) {
        const ctx = context(
          { entityRef: SERVICE, entries: [entry] },
          { isDryRun },
        );
        await expect(action.handler(ctx)).rejects.toThrow(message);
      }
      expect(requests).toEqual([]);
    },
  );

  it('refuses an entity that is not a Component or System, and repeated entries', async () => {
    await expect(
      action.handler(
        context({ entityRef: 'group:default/team-payments', entries: [] }),
      ),
    ).rejects.toThrow(/Invalid entityRef: expected a Component or System/);
    await expect(
      action.handler(
        context({
          entityRef: SERVICE,
          entries: [
            templateEntries[1],
            { ...templateEntries[1], note: 'again' },
          ],
        }),
      ),
    ).rejects.toThrow(
      /Invalid entries\[1\]: repeats entries\[0\] \(consumes of capability 'gitops'\)/,
    );
    expect(requests).toEqual([]);
  });

  it('refuses to record on behalf of anything but a user', async () => {
    const ctx = Object.assign(
      context({ entityRef: SERVICE, entries: [templateEntries[0]] }),
      {
        getInitiatorCredentials: async () =>
          mockCredentials.service('plugin:catalog'),
      },
    );
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('needs the user who runs the template'),
    });
    expect(requests).toEqual([]);
  });

  it('supports dry runs', () => {
    expect(action.supportsDryRun).toBe(true);
  });
});
