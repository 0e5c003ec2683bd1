import { triggerableScheduler } from '@internal/backend-test-kit';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type BackstageUserPrincipal,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { ClusterSnapshotStore } from '../clusters/ClusterSnapshotStore';
import { runtimeStackPlugin } from '../plugin';
import {
  createLayerOwnershipConditionalDecision,
  layerOwnershipConditions,
} from './ownershipPermissionRules';
import { ownershipUpdatePermission } from '@internal/backstage-plugin-runtime-stack-common';
import { kubernetesConfig } from '../__testUtils__/kubernetesConfig';
import { catalogWithVisibility } from '../__testUtils__/portalBackend';

jest.setTimeout(60_000);

const ADMIN = 'user:default/pat';
const DANA = 'user:default/dana'; // member of team-payments
const READER = 'user:default/riley';
const NOBODY = 'user:default/nobody';
// Member of team-b; the catalog hides the payments System and secret-api from them.
const OUTSIDER = 'user:default/olly';

/**
 * Decisions as a real policy would give them: admins may do anything, Dana
 * may change what team-payments owns and Olly what team-b owns, Riley may
 * only read, nobody may not even read.
 */
class FakePermissions implements PermissionsService {
  /** Runs once before the next conditional decision: another writer's turn. */
  static beforeNextDecision: (() => Promise<void>) | undefined;
  private user(options: { credentials: BackstageCredentials }) {
    return (options.credentials as BackstageCredentials<BackstageUserPrincipal>)
      .principal.userEntityRef;
  }
  async authorize(
    requests: any[],
    options: { credentials: BackstageCredentials },
  ) {
    const user = this.user(options);
    return requests.map(() => ({
      result: user === NOBODY ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    })) as any;
  }
  async authorizeConditional(
    queries: any[],
    options: { credentials: BackstageCredentials },
  ) {
    const user = this.user(options);
    const interleaved = FakePermissions.beforeNextDecision;
    FakePermissions.beforeNextDecision = undefined;
    await interleaved?.();
    return queries.map(() => {
      if (user === ADMIN) return { result: AuthorizeResult.ALLOW };
      if (user === DANA) {
        return createLayerOwnershipConditionalDecision(
          ownershipUpdatePermission,
          layerOwnershipConditions.isOwnedBy({
            claims: [DANA, 'group:default/team-payments'],
          }),
        );
      }
      if (user === OUTSIDER) {
        return createLayerOwnershipConditionalDecision(
          ownershipUpdatePermission,
          layerOwnershipConditions.isOwnedBy({
            claims: [OUTSIDER, 'group:default/team-b'],
          }),
        );
      }
      return { result: AuthorizeResult.DENY };
    }) as any;
  }
}

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});
const cluster = (name: string, environment: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'runtime-stack.io/environment': environment },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
});
const entities: Entity[] = [
  group('platform-team'),
  group('team-payments'),
  group('security-team'),
  group('team-a'),
  group('team-b'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'dana', namespace: 'default' },
    spec: { memberOf: ['team-payments'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'runtime-stack.io/owners': 'layer-5=team-b' },
    },
    spec: { owner: 'team-payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        'runtime-stack.io/owners': 'gitops=team-payments,workloads=team-a',
        'runtime-stack.io/tools': 'gitops=argo-cd,service-mesh=linkerd2x',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-payments',
      system: 'payments',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'secret-api', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-a',
      system: 'payments',
    },
  },
  cluster('prod-eu-1', 'production'),
  cluster('prod-us-1', 'production'),
];

/** What the collector saw of payments-api: it runs on both clusters. */
const paymentsApiDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'payments-api',
    namespace: 'payments',
    labels: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
};

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'ownership API on %s',
  databaseId => {
    let server: any;
    let stop: () => Promise<void>;
    const auditEvents: Array<{ eventId: string; meta: any; outcome?: string }> =
      [];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      // Collections never run: the clusters' state is seeded below.
      const scheduler = triggerableScheduler();
      const backend = await startTestBackend({
        features: [
          runtimeStackPlugin,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.database.factory({ knex }),
          catalogWithVisibility(entities, {
            user: OUTSIDER,
            entityRefs: [
              'system:default/payments',
              'component:default/secret-api',
            ],
          }),
          mockServices.rootConfig.factory({
            data: {
              kubernetes: kubernetesConfig(
                ['prod-eu-1', 'prod-us-1'].map(name => ({
                  name,
                  url: 'http://127.0.0.1:9',
                  token: 'x',
                })),
              ),
              runtimeStack: {
                ownership: {
                  defaults: [
                    { owner: 'platform-team', layers: [1, 2, 3] },
                    {
                      owner: 'platform-team',
                      capabilities: ['metrics', 'logging'],
                    },
                    {
                      owner: 'security-team',
                      capabilities: ['policy', 'build-security'],
                    },
                  ],
                },
              },
            },
          }),
          createServiceFactory({
            service: coreServices.permissions,
            deps: {},
            factory: () => new FakePermissions(),
          }),
          createServiceFactory({
            service: coreServices.auditor,
            deps: {},
            factory: () => ({
              async createEvent(options: any) {
                const event = {
                  eventId: options.eventId,
                  meta: options.meta,
                } as any;
                auditEvents.push(event);
                return {
                  async success() {
                    event.outcome = 'success';
                  },
                  async fail() {
                    event.outcome = 'failure';
                  },
                };
              },
            }),
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();

      // payments-api has no cluster annotation: its clusters are where the
      // collector saw its objects.
      const clusterStore = new ClusterSnapshotStore(knex);
      for (const name of ['prod-eu-1', 'prod-us-1']) {
        await clusterStore.replaceSnapshot(name, {
          objects: [paymentsApiDeployment],
          collectedAt: new Date(),
          warnings: [],
          platformTools: [],
        });
      }
    });
    afterAll(() => stop());

    const as = (user: string) => ({
      Authorization: mockCredentials.user.header(user),
    });
    const api = '/api/runtime-stack';
    const create = (user: string, body: object) =>
      request(server).post(`${api}/ownership`).set(as(user)).send(body);

    const ingress = {
      scope: { kind: 'system', ref: 'payments' },
      capability: 'service-proxy',
      owner: 'platform-team',
      responsibility: 'operates',
    };

    let ingressRecord: any;

    it('creates a record, normalising refs and resolving the capability to its layer, and audits it', async () => {
      const res = await create(ADMIN, ingress);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        scope: { kind: 'system', ref: 'system:default/payments' },
        layer: 3,
        capability: 'service-proxy',
        owner: 'group:default/platform-team',
        version: 1,
        createdBy: ADMIN,
      });
      ingressRecord = res.body;
      expect(auditEvents).toContainEqual({
        eventId: 'ownership-change',
        meta: { actionType: 'create', scope: 'system:system:default/payments' },
        outcome: 'success',
      });
    });

    it('lists with filters and pagination', async () => {
      await create(ADMIN, { ...ingress, capability: 'external-dns' }).expect(
        201,
      );
      await create(ADMIN, {
        scope: { kind: 'cluster', ref: 'prod-eu-1' },
        layer: 4,
        owner: 'security-team',
        responsibility: 'supports',
      }).expect(201);

      const layer3 = await request(server)
        .get(`${api}/ownership?layer=3&limit=1`)
        .set(as(READER));
      expect(layer3.status).toBe(200);
      expect(layer3.body).toMatchObject({ totalCount: 2, limit: 1, offset: 0 });
      expect(layer3.body.items).toHaveLength(1);

      const byOwner = await request(server)
        .get(`${api}/ownership?owner=security-team`)
        .set(as(READER));
      expect(byOwner.body.items.map((r: any) => r.scope.ref)).toEqual([
        'prod-eu-1',
      ]);

      const byScope = await request(server)
        .get(
          `${api}/ownership?scopeKind=system&scopeRef=payments&capability=external-dns`,
        )
        .set(as(READER));
      expect(byScope.body.totalCount).toBe(1);
    });

    it.each([
      [
        {
          ...ingress,
          scope: { kind: 'component', ref: 'system:default/payments' },
        },
        /scope\.ref: expected a component entity ref/,
      ],
      [
        { ...ingress, scope: { kind: 'component', ref: 'component:default/' } },
        /scope\.ref: 'component:default\/' is not an entity ref/,
      ],
      [
        { ...ingress, scope: { kind: 'cluster', ref: 'Prod EU' } },
        /scope\.ref: a cluster is named like a DNS label/,
      ],
      [{ ...ingress, scope: { kind: 'galaxy', ref: 'x' } }, /scope\.kind/],
      [
        { ...ingress, capability: 'teleportation' },
        /capability: 'teleportation' is not a capability/,
      ],
      [
        { ...ingress, capability: undefined, layer: 9 },
        /layer: 9 is not a layer of the model/,
      ],
      [
        { ...ingress, capability: 'metrics', layer: 3 },
        /layer: capability 'metrics' belongs to layer 4, not 3/,
      ],
      [
        { ...ingress, capability: undefined },
        /layer: give a layer \(0-6\) or a capability/,
      ],
      [
        { ...ingress, note: 'x'.repeat(2001) },
        /note: must be at most 2000 characters/,
      ],
      [
        // eslint-disable-next-line no-script-url -- the hostile link under test
        { ...ingress, link: 'javascript:alert(1)' },
        /link: must be an http\(s\) URL/,
      ],
      [
        { ...ingress, owner: 'user:default/dana' },
        /owner: expected a group entity ref/,
      ],
      [
        { ...ingress, capability: 'tracing', owner: 'group:default/ghosts' },
        /owner: group:default\/ghosts does not exist in the catalog/,
      ],
      [{ ...ingress, responsibility: 'blames' }, /responsibility/],
      [{ ...ingress, colour: 'red' }, /colour/],
    ])(
      'refuses bad input with a 400 naming the field (%#)',
      async (body, message) => {
        const before = await request(server)
          .get(`${api}/ownership?limit=500`)
          .set(as(ADMIN));
        const res = await create(ADMIN, body);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(message);
        const after = await request(server)
          .get(`${api}/ownership?limit=500`)
          .set(as(ADMIN));
        expect(after.body.totalCount).toBe(before.body.totalCount);
      },
    );

    it('leaves out records and changes of a scope the catalog hides from the caller', async () => {
      const get = (user: string, path: string) =>
        request(server).get(`${api}${path}`).set(as(user));
      const scopesIn = (body: any) =>
        new Set(body.items.map((r: any) => r.scope.ref));

      expect(scopesIn((await get(READER, '/ownership')).body)).toEqual(
        new Set(['system:default/payments', 'prod-eu-1']),
      );
      expect(scopesIn((await get(OUTSIDER, '/ownership')).body)).toEqual(
        new Set(['prod-eu-1']),
      );
      await get(OUTSIDER, `/ownership/${ingressRecord.id}`).expect(404);
      await get(READER, `/ownership/${ingressRecord.id}`).expect(200);

      const history = await get(
        OUTSIDER,
        `/ownership/${ingressRecord.id}/history`,
      );
      expect(history.body.items).toEqual([]);
      const all = await get(OUTSIDER, '/history?limit=500');
      expect(
        all.body.items.map((c: any) => (c.after ?? c.before).scope.ref),
      ).not.toContain('system:default/payments');
      expect(all.body.items.length).toBeGreaterThan(0);
      const bySystem = await get(READER, '/history?scopeRef=payments');
      expect(bySystem.body.items.length).toBeGreaterThan(0);

      // Nor are they counted, so a filter cannot tell that one matched.
      for (const path of [
        '/ownership?scopeRef=payments',
        '/ownership?scopeKind=system&capability=service-proxy',
        '/history?scopeRef=payments',
        `/ownership/${ingressRecord.id}/history`,
      ]) {
        expect((await get(OUTSIDER, path)).body).toMatchObject({
          items: [],
          totalCount: 0,
        });
      }
      expect(
        (await get(READER, '/ownership?scopeRef=payments')).body.totalCount,
      ).toBeGreaterThan(0);
    });

    it('refuses a body that is not a JSON object with a 400, writing nothing', async () => {
      const count = async () =>
        (await request(server).get(`${api}/ownership?limit=500`).set(as(ADMIN)))
          .body.totalCount;
      const before = await count();
      const malformed = await request(server)
        .post(`${api}/ownership`)
        .set(as(ADMIN))
        .set('Content-Type', 'application/json')
        .send('{"scope": {"kind": "system",');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.name).toBe('InputError');
      expect(malformed.body.error.message).toMatch(
        /^Invalid body: expected a JSON object \(.*JSON/,
      );
      const list = await create(ADMIN, [ingress]);
      expect(list.status).toBe(400);
      expect(list.body.error.name).toBe('InputError');
      expect(list.body.error.message).toMatch(/body: .*expected object/);
      expect(await count()).toBe(before);
    });

    it('refuses bad query parameters with a 400 naming them', async () => {
      const res = await request(server)
        .get(`${api}/ownership?limit=0&colour=red`)
        .set(as(READER));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/limit/);
      expect(res.body.error.message).toMatch(/colour/);

      // Blank is no filter of layer 0, and no first page.
      for (const query of ['layer=', 'offset=%20', 'layer=-1', 'layer=3.5']) {
        const blank = await request(server)
          .get(`${api}/ownership?${query}`)
          .set(as(READER));
        expect(blank.status).toBe(400);
        expect(blank.body.error.message).toMatch(
          new RegExp(`Invalid query: ${query.split('=')[0]}`),
        );
      }

      // A filter nothing can match reads as "nobody owns it": refused.
      for (const [query, message] of [
        ['layer=99', /^Invalid layer: 99 is not a layer of the model/],
        [
          'layer=1&capability=service-proxy',
          /^Invalid layer: capability 'service-proxy' belongs to layer 3, not 1/,
        ],
      ] as const) {
        const unknown = await request(server)
          .get(`${api}/ownership?${query}`)
          .set(as(READER));
        expect(unknown.status).toBe(400);
        expect(unknown.body.error.message).toMatch(message);
      }
    });

    it('walks a list page by page with nextCursor, keeping its filter', async () => {
      const list = (query: string) =>
        request(server).get(`${api}/ownership?${query}`).set(as(READER));
      const all = await list('limit=500');
      expect(all.body.totalCount).toBeGreaterThanOrEqual(3);
      expect(all.body.nextCursor).toBeUndefined();

      const walked: string[] = [];
      let page = await list('limit=1');
      expect(page.body).toMatchObject({ limit: 1, offset: 0 });
      while (page.body.nextCursor) {
        walked.push(...page.body.items.map((r: any) => r.id));
        page = await list(`limit=1&cursor=${page.body.nextCursor}`);
        expect(page.status).toBe(200);
        expect(page.body.totalCount).toBeUndefined();
        expect(page.body.offset).toBeUndefined();
      }
      walked.push(...page.body.items.map((r: any) => r.id));
      expect(walked).toEqual(all.body.items.map((r: any) => r.id));

      const layer3 = await list('layer=3&limit=1');
      expect(layer3.body.totalCount).toBe(2);
      const rest = await list(`cursor=${layer3.body.nextCursor}`);
      expect(rest.body.items).toHaveLength(1);
      expect(rest.body.items[0].layer).toBe(3);
      expect(rest.body.items[0].id).not.toBe(layer3.body.items[0].id);
      expect(rest.body.nextCursor).toBeUndefined();
    });

    it('refuses a cursor with other parameters, or one it did not give out', async () => {
      const first = await request(server)
        .get(`${api}/ownership?limit=1`)
        .set(as(READER));
      const withOffset = await request(server)
        .get(`${api}/ownership?cursor=${first.body.nextCursor}&offset=5`)
        .set(as(READER));
      expect(withOffset.status).toBe(400);
      expect(withOffset.body.error.message).toMatch(
        /cursor comes with limit only.*remove offset/,
      );

      const garbage = await request(server)
        .get(`${api}/ownership?cursor=not-a-cursor`)
        .set(as(READER));
      expect(garbage.status).toBe(400);
      expect(garbage.body.error.message).toMatch(/cursor is not one this API/);

      const history = await request(server)
        .get(`${api}/history?limit=1`)
        .set(as(READER));
      const fromHistory = await request(server)
        .get(`${api}/ownership?cursor=${history.body.nextCursor}`)
        .set(as(READER));
      expect(fromHistory.status).toBe(400);
      expect(fromHistory.body.error.message).toMatch(
        /not a position in this list/,
      );

      const tampered = Buffer.from(
        JSON.stringify({
          query: { layer: 'three' },
          after: ['system', 'system:default/payments', 3, 'ingress', 'owns'],
        }),
      ).toString('base64url');
      const badQuery = await request(server)
        .get(`${api}/ownership?cursor=${tampered}`)
        .set(as(READER));
      expect(badQuery.status).toBe(400);
      expect(badQuery.body.error.message).toMatch(/Invalid cursor: layer/);
    });

    it('updates with the current version, and answers a stale one with 409 changing nothing', async () => {
      const ok = await request(server)
        .put(`${api}/ownership/${ingressRecord.id}`)
        .set(as(ADMIN))
        .send({ ...ingress, note: 'Ask in #platform', version: 1 });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ version: 2, note: 'Ask in #platform' });

      const stale = await request(server)
        .put(`${api}/ownership/${ingressRecord.id}`)
        .set(as(ADMIN))
        .send({ ...ingress, note: 'Overwritten', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(/changed by user:default\/pat/);
      const current = await request(server)
        .get(`${api}/ownership/${ingressRecord.id}`)
        .set(as(READER));
      expect(current.body).toMatchObject({
        version: 2,
        note: 'Ask in #platform',
      });
    });

    it('lets a group member change what the group owns, and nothing else (403)', async () => {
      const own = await create(DANA, {
        ...ingress,
        capability: 'tracing',
        owner: 'team-payments',
      });
      expect(own.status).toBe(201);

      const foreign = await create(DANA, {
        ...ingress,
        capability: 'alerting',
      });
      expect(foreign.status).toBe(403);
      // Creating names the owner asked for, not a record that does not exist.
      expect(foreign.body.error.message).toBe(
        'You may not make group:default/platform-team an owner: only its members may',
      );

      const takeOver = await request(server)
        .put(`${api}/ownership/${ingressRecord.id}`)
        .set(as(DANA))
        .send({ ...ingress, owner: 'team-payments', version: 2 });
      expect(takeOver.status).toBe(403);
      expect(takeOver.body.error.message).toBe(
        'You may not change ownership records owned by group:default/platform-team',
      );

      const giveAway = await request(server)
        .put(`${api}/ownership/${own.body.id}`)
        .set(as(DANA))
        .send({
          ...ingress,
          capability: 'tracing',
          owner: 'platform-team',
          version: 1,
        });
      expect(giveAway.status).toBe(403);
      expect(giveAway.body.error.message).toBe(
        'You may not make group:default/platform-team an owner: only its members may',
      );

      const readerWrite = await create(READER, {
        ...ingress,
        capability: 'alerting',
      });
      expect(readerWrite.status).toBe(403);

      const removed = await request(server)
        .delete(`${api}/ownership/${own.body.id}?version=1`)
        .set(as(DANA));
      expect(removed.status).toBe(200);
    });

    it('writes only the version whose permissions it checked, though another writer moves the record meanwhile', async () => {
      const onCluster = {
        scope: { kind: 'cluster', ref: 'prod-us-1' },
        capability: 'tracing',
        responsibility: 'operates',
      };
      const own = await create(DANA, {
        ...onCluster,
        owner: 'team-payments',
      });
      expect(own.status).toBe(201);
      const put = (user: string, body: object) =>
        request(server)
          .put(`${api}/ownership/${own.body.id}`)
          .set(as(user))
          .send({ ...onCluster, ...body });
      // An admin gives the record to the platform team (version 2) while
      // Dana's change, sent for that version, is checked against her team's.
      let adminMoved = false;
      const adminMoves = async () => {
        FakePermissions.beforeNextDecision = undefined;
        adminMoved = true;
        expect(
          (await put(ADMIN, { owner: 'platform-team', version: 1 })).status,
        ).toBe(200);
      };
      FakePermissions.beforeNextDecision = adminMoves;
      const raced = await put(DANA, {
        owner: 'team-payments',
        note: 'ours',
        version: 2,
      });
      // Refused at once: version 2 is not the one she could have read.
      expect(raced.status).toBe(409);
      if (!adminMoved) await adminMoves();
      const current = await request(server)
        .get(`${api}/ownership/${own.body.id}`)
        .set(as(READER));
      expect(current.body).toMatchObject({
        owner: 'group:default/platform-team',
        version: 2,
      });
      await request(server)
        .delete(`${api}/ownership/${own.body.id}?version=2`)
        .set(as(ADMIN))
        .expect(200);
    });

    it('lets a team take over only what it owns today, at any scope, and claim what nobody owns', async () => {
      const onPaymentsApi = (
        user: string,
        owner: string,
        responsibility: string,
      ) =>
        create(user, {
          scope: { kind: 'component', ref: 'payments-api' },
          capability: 'logging',
          owner,
          responsibility,
        });
      const countOf = async (capability: string) =>
        (
          await request(server)
            .get(`${api}/ownership?capability=${capability}`)
            .set(as(ADMIN))
        ).body.items.length;

      // Logging of payments-api is platform-team's, from the organisation
      // default: team-payments may not override it for itself.
      const logging = await onPaymentsApi(DANA, 'team-payments', 'operates');
      expect(logging.status).toBe(403);
      expect(logging.body.error.message).toBe(
        'group:default/platform-team owns logging for component:default/payments-api today (operates); only its members may hand it over',
      );
      expect(await countOf('logging')).toBe(0);

      // The same on a cluster, which inherits layer 3 from the organisation.
      const clusterLayer = await create(DANA, {
        scope: { kind: 'cluster', ref: 'prod-eu-1' },
        layer: 3,
        owner: 'team-payments',
        responsibility: 'operates',
      });
      expect(clusterLayer.status).toBe(403);
      expect(clusterLayer.body.error.message).toContain(
        'group:default/platform-team owns layer 3 for prod-eu-1',
      );

      // What payments-api inherits from its cluster counts too: prod-eu-1
      // says security-team supports layer 4.
      const supports = await onPaymentsApi(DANA, 'team-payments', 'supports');
      expect(supports.status).toBe(403);
      expect(supports.body.error.message).toContain(
        'group:default/security-team owns logging for component:default/payments-api today (supports)',
      );

      // Another responsibility that nobody holds is free to claim.
      const consumes = await onPaymentsApi(DANA, 'team-payments', 'consumes');
      expect(consumes.status).toBe(201);

      // Moving that record onto what platform-team operates is a take-over
      // too; editing it in place stays its team's business.
      const updateConsumes = (responsibility: string, note?: string) =>
        request(server)
          .put(`${api}/ownership/${consumes.body.id}`)
          .set(as(DANA))
          .send({
            scope: { kind: 'component', ref: 'payments-api' },
            capability: 'logging',
            owner: 'team-payments',
            responsibility,
            ...(note && { note }),
            version: 1,
          });
      const moved = await updateConsumes('operates');
      expect(moved.status).toBe(403);
      expect(moved.body.error.message).toBe(
        'group:default/platform-team owns logging for component:default/payments-api today (operates); only its members may hand it over',
      );
      const noted = await updateConsumes('consumes', 'Reads the audit trail');
      expect(noted.status).toBe(200);
      expect(noted.body).toMatchObject({
        version: 2,
        responsibility: 'consumes',
      });

      // The admin may hand it over; then its new owner decides.
      const handedOver = await onPaymentsApi(ADMIN, 'team-a', 'operates');
      expect(handedOver.status).toBe(201);
      const again = await onPaymentsApi(DANA, 'team-payments', 'operates');
      expect(again.status).toBe(403);
      expect(again.body.error.message).toContain('group:default/team-a owns');

      for (const record of [noted.body, handedOver.body]) {
        await request(server)
          .delete(`${api}/ownership/${record.id}?version=${record.version}`)
          .set(as(ADMIN))
          .expect(200);
      }
    });

    it('checks records for a service that is not registered yet, writing nothing', async () => {
      const check = (user: string, body: object) =>
        request(server).post(`${api}/ownership/check`).set(as(user)).send(body);
      const newService = {
        kind: 'Component',
        metadata: { name: 'refunds-api' },
        spec: { system: 'payments' },
      };
      const on = (target: object, owner: string, responsibility: string) => ({
        scope: { kind: 'component', ref: 'refunds-api' },
        ...target,
        owner,
        responsibility,
      });
      const before = (
        await request(server).get(`${api}/ownership?limit=500`).set(as(ADMIN))
      ).body.totalCount;

      const res = await check(DANA, {
        entity: newService,
        records: [
          on({ layer: 6 }, 'team-payments', 'operates'),
          on({ capability: 'metrics' }, 'team-payments', 'consumes'),
          // platform-team operates metrics by the organisation default.
          on({ capability: 'metrics' }, 'team-payments', 'operates'),
          // team-b owns layer 5 through the System the service will join.
          on({ layer: 5 }, 'team-payments', 'operates'),
          // Dana is not in security-team.
          on({ layer: 6 }, 'security-team', 'supports'),
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: any) => [r.allowed, r.reason])).toEqual([
        [true, undefined],
        [true, undefined],
        [
          false,
          'group:default/platform-team owns metrics for component:default/refunds-api today (operates); only its members may hand it over',
        ],
        [
          false,
          'group:default/team-b owns layer 5 for component:default/refunds-api today (operates); only its members may hand it over',
        ],
        [
          false,
          'You may not make group:default/security-team an owner: only its members may',
        ],
      ]);
      expect(res.body.results.map((r: any) => r.refusal)).toEqual([
        undefined,
        undefined,
        'not-allowed',
        'not-allowed',
        'not-allowed',
      ]);
      expect(res.body.results[0].record).toEqual({
        scope: { kind: 'component', ref: 'component:default/refunds-api' },
        layer: 6,
        owner: 'group:default/team-payments',
        responsibility: 'operates',
      });

      const unknownOwner = await check(ADMIN, {
        entity: newService,
        records: [on({ layer: 6 }, 'ghosts', 'operates')],
      });
      expect(unknownOwner.body.results[0]).toMatchObject({
        allowed: false,
        reason:
          'Invalid owner: group:default/ghosts does not exist in the catalog',
        refusal: 'invalid',
      });

      // Without the planned entity, a scope the catalog lacks is named.
      const unplanned = await check(ADMIN, {
        records: [on({ layer: 6 }, 'team-payments', 'operates')],
      });
      expect(unplanned.body.results[0]).toMatchObject({
        allowed: false,
        reason: "No entity 'component:default/refunds-api' in the catalog",
        refusal: 'not-found',
      });

      // A registered entity is read from the catalog, not from the body:
      // payments-api's own annotation gives gitops to team-payments.
      const registered = await check(DANA, {
        entity: { kind: 'Component', metadata: { name: 'payments-api' } },
        records: [
          {
            scope: { kind: 'component', ref: 'payments-api' },
            capability: 'gitops',
            owner: 'team-payments',
            responsibility: 'operates',
          },
        ],
      });
      expect(registered.body.results[0].allowed).toBe(true);

      const after = (
        await request(server).get(`${api}/ownership?limit=500`).set(as(ADMIN))
      ).body.totalCount;
      expect(after).toBe(before);
    });

    it.each([
      [
        {
          records: [
            {
              scope: { kind: 'component', ref: 'x' },
              capability: 'teleportation',
              owner: 'team-a',
              responsibility: 'operates',
            },
          ],
        },
        /^Invalid records\[0\]\.capability: 'teleportation'/,
      ],
      [{ records: [] }, /^Invalid body: records: /],
      [
        {
          entity: { kind: 'Group', metadata: { name: 'team-a' } },
          records: [
            {
              scope: { kind: 'component', ref: 'x' },
              layer: 6,
              owner: 'team-a',
              responsibility: 'operates',
            },
          ],
        },
        /entity\.kind: must be Component or System/,
      ],
    ])(
      'refuses a bad check with a 400 naming the field (%#)',
      async (body, message) => {
        const res = await request(server)
          .post(`${api}/ownership/check`)
          .set(as(ADMIN))
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      },
    );

    it('refuses a check to whoever may not read ownership', async () => {
      const res = await request(server)
        .post(`${api}/ownership/check`)
        .set(as(NOBODY))
        .send({
          records: [
            {
              scope: { kind: 'component', ref: 'x' },
              layer: 6,
              owner: 'team-a',
              responsibility: 'operates',
            },
          ],
        });
      expect(res.status).toBe(403);
    });

    it('refuses reads without the read permission and requests without a token', async () => {
      const forbidden = await request(server)
        .get(`${api}/ownership`)
        .set(as(NOBODY));
      expect(forbidden.status).toBe(403);
      const anonymous = await request(server)
        .get(`${api}/ownership`)
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    });

    it('keeps the history of a record: who, when, before and after', async () => {
      const res = await request(server)
        .get(`${api}/ownership/${ingressRecord.id}/history`)
        .set(as(READER));
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: any) => [c.action, c.actor])).toEqual([
        ['update', ADMIN],
        ['create', ADMIN],
      ]);
      expect(res.body.items[0].before.note).toBeUndefined();
      expect(res.body.items[0].after.note).toBe('Ask in #platform');

      const scope = await request(server)
        .get(`${api}/history?scopeRef=system:default/payments`)
        .set(as(READER));
      // ingress create+update, external-dns create, Dana's tracing create+delete
      expect(scope.body.totalCount).toBe(5);
      expect(scope.body.items[0]).toMatchObject({
        action: 'delete',
        actor: DANA,
      });
      // The System by its name alone, as records are created with it.
      const byName = await request(server)
        .get(`${api}/history?scopeRef=payments`)
        .set(as(READER));
      expect(byName.body.totalCount).toBe(5);
      const listed = await request(server)
        .get(`${api}/ownership?scopeRef=payments`)
        .set(as(READER));
      expect(listed.body.items.map((r: any) => r.scope.ref).sort()).toEqual([
        'system:default/payments',
        'system:default/payments',
      ]);
    });

    describe('effective ownership', () => {
      beforeAll(async () => {
        // Two clusters disagree on metrics; the System overrides layer 3 for
        // service-proxy (already stored above); the component owns layer 6.
        await create(ADMIN, {
          scope: { kind: 'cluster', ref: 'prod-eu-1' },
          capability: 'metrics',
          owner: 'team-a',
          responsibility: 'operates',
        }).expect(201);
        await create(ADMIN, {
          scope: { kind: 'cluster', ref: 'prod-us-1' },
          capability: 'metrics',
          owner: 'team-b',
          responsibility: 'operates',
        }).expect(201);
        await create(ADMIN, {
          scope: { kind: 'component', ref: 'payments-api' },
          layer: 6,
          owner: 'team-payments',
          responsibility: 'operates',
        }).expect(201);
        await create(ADMIN, {
          scope: { kind: 'environment', ref: 'production' },
          capability: 'alerting',
          owner: 'team-a',
          responsibility: 'operates',
        }).expect(201);
      });

      const ownersOf = (
        body: any,
        capability: string,
        responsibility = 'operates',
      ) =>
        body.capabilities
          .find((c: any) => c.capability === capability)
          .owners.filter((o: any) => o.responsibility === responsibility);

      it('lets the most specific scope win and says where each owner comes from', async () => {
        const res = await request(server)
          .get(`${api}/entities/component/default/payments-api/ownership`)
          .set(as(READER));
        expect(res.status).toBe(200);
        expect(res.body.entityRef).toBe('component:default/payments-api');

        expect(ownersOf(res.body, 'service-proxy')).toEqual([
          expect.objectContaining({
            owner: 'group:default/platform-team',
            via: 'capability',
            inheritedFrom: {
              kind: 'system',
              ref: 'system:default/payments',
              source: 'store',
            },
            recordId: ingressRecord.id,
            note: 'Ask in #platform',
          }),
        ]);
        expect(ownersOf(res.body, 'workloads')).toEqual([
          expect.objectContaining({
            owner: 'group:default/team-payments',
            via: 'layer',
            inheritedFrom: {
              kind: 'component',
              ref: 'component:default/payments-api',
              source: 'store',
            },
          }),
        ]);
        expect(ownersOf(res.body, 'alerting')).toEqual([
          expect.objectContaining({
            owner: 'group:default/team-a',
            inheritedFrom: {
              kind: 'environment',
              ref: 'production',
              source: 'store',
            },
          }),
        ]);
        // Layer 1 comes from the organisation default in config.
        expect(ownersOf(res.body, 'scheduling')).toEqual([
          expect.objectContaining({
            owner: 'group:default/platform-team',
            inheritedFrom: {
              kind: 'organization',
              ref: 'organization',
              source: 'config',
            },
          }),
        ]);
        expect(ownersOf(res.body, 'policy')[0].owner).toBe(
          'group:default/security-team',
        );
        // The cluster's layer-4 'supports' record applies to every capability of layer 4.
        expect(ownersOf(res.body, 'tracing', 'supports')).toEqual([
          expect.objectContaining({
            owner: 'group:default/security-team',
            via: 'layer',
            inheritedFrom: {
              kind: 'cluster',
              ref: 'prod-eu-1',
              source: 'store',
            },
          }),
        ]);
        expect(ownersOf(res.body, 'source-control')).toEqual([]);
      });

      it('tells who will own what for a service not registered yet, from its System and the cluster it names', async () => {
        const planned = (entity: object) =>
          request(server)
            .post(`${api}/ownership/planned`)
            .set(as(READER))
            .send({ entity });
        const res = await planned({
          kind: 'Component',
          metadata: {
            name: 'payouts',
            annotations: { 'backstage.io/kubernetes-cluster': 'prod-us-1' },
          },
          spec: { type: 'service', owner: 'team-payments', system: 'payments' },
        });
        expect(res.status).toBe(200);
        expect(res.body.entityRef).toBe('component:default/payouts');
        // The System's record, the named cluster's, the organisation's.
        expect(ownersOf(res.body, 'service-proxy')[0]).toMatchObject({
          owner: 'group:default/platform-team',
          inheritedFrom: { kind: 'system', ref: 'system:default/payments' },
        });
        expect(ownersOf(res.body, 'metrics')).toEqual([
          expect.objectContaining({
            owner: 'group:default/team-b',
            inheritedFrom: expect.objectContaining({ ref: 'prod-us-1' }),
          }),
        ]);
        expect(ownersOf(res.body, 'scheduling')[0].inheritedFrom.kind).toBe(
          'organization',
        );
        // Nothing of payments-api's own records.
        expect(ownersOf(res.body, 'workloads')).toEqual([]);

        const elsewhere = await planned({
          kind: 'Component',
          metadata: { name: 'payouts' },
          spec: { type: 'service' },
        });
        // Without the cluster, metrics fall back to the organisation's owner.
        expect(
          ownersOf(elsewhere.body, 'metrics').map(
            (o: any) => o.inheritedFrom.kind,
          ),
        ).toEqual(['organization']);

        const bad = await planned({ kind: 'Component', metadata: {} });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/entity\.metadata\.name/);
        for (const system of ['system:', 'group:default/payments']) {
          const badSystem = await planned({
            kind: 'Component',
            metadata: { name: 'refunds' },
            spec: { system },
          });
          expect(badSystem.status).toBe(400);
          expect(badSystem.body.error.message).toMatch(
            /entity\.spec\.system: must be a System entity ref/,
          );
        }
        // A name or namespace the catalog would refuse makes a ref no
        // entity can have: refused, for the check as for the preview.
        for (const [metadata, field] of [
          [{ name: 'refunds/api' }, 'name'],
          [{ name: 'refunds api' }, 'name'],
          [{ name: 'refunds', namespace: 'a/b' }, 'namespace'],
        ] as const) {
          const message = new RegExp(
            `^Invalid body: entity\\.metadata\\.${field}: must be an? (entity name|namespace)`,
          );
          const badName = await planned({ kind: 'Component', metadata });
          expect(badName.status).toBe(400);
          expect(badName.body.error.message).toMatch(message);
          const check = await request(server)
            .post(`${api}/ownership/check`)
            .set(as(ADMIN))
            .send({
              entity: { kind: 'Component', metadata },
              records: [
                {
                  scope: { kind: 'component', ref: 'payments-api' },
                  capability: 'gitops',
                  owner: 'team-payments',
                  responsibility: 'operates',
                },
              ],
            });
          expect(check.status).toBe(400);
          expect(check.body.error.message).toMatch(message);
        }
      });

      it('shows both owners when the service runs on two clusters that disagree', async () => {
        const res = await request(server)
          .get(`${api}/entities/component/default/payments-api/ownership`)
          .set(as(READER));
        const metrics = ownersOf(res.body, 'metrics');
        expect(
          metrics.map((o: any) => [o.owner, o.inheritedFrom.ref]).sort(),
        ).toEqual([
          ['group:default/team-a', 'prod-eu-1'],
          ['group:default/team-b', 'prod-us-1'],
        ]);
      });

      it('keeps separate owners per responsibility', async () => {
        await create(ADMIN, {
          scope: { kind: 'component', ref: 'payments-api' },
          capability: 'metrics',
          owner: 'team-payments',
          responsibility: 'consumes',
        }).expect(201);
        const res = await request(server)
          .get(`${api}/entities/component/default/payments-api/ownership`)
          .set(as(READER));
        expect(ownersOf(res.body, 'metrics')).toHaveLength(2);
        expect(ownersOf(res.body, 'metrics', 'consumes')).toEqual([
          expect.objectContaining({ owner: 'group:default/team-payments' }),
        ]);
      });

      it('takes owner annotations of the service and its System, below stored records of the same scope', async () => {
        const res = await request(server)
          .get(`${api}/entities/component/default/payments-api/ownership`)
          .set(as(READER));
        expect(ownersOf(res.body, 'gitops')).toEqual([
          expect.objectContaining({
            owner: 'group:default/team-payments',
            via: 'capability',
            inheritedFrom: {
              kind: 'component',
              ref: 'component:default/payments-api',
              source: 'annotation',
            },
          }),
        ]);
        expect(ownersOf(res.body, 'service-mesh')).toEqual([
          expect.objectContaining({
            owner: 'group:default/team-b',
            via: 'layer',
            inheritedFrom: {
              kind: 'system',
              ref: 'system:default/payments',
              source: 'annotation',
            },
          }),
        ]);
        // The annotation names team-a for workloads, a stored record of the
        // same component names team-payments for the whole layer 6: the record
        // is deliberate, so it wins over the annotation's capability claim.
        expect(ownersOf(res.body, 'workloads')).toEqual([
          expect.objectContaining({
            owner: 'group:default/team-payments',
            via: 'layer',
          }),
        ]);
      });

      it('serves the declared stack with its problems', async () => {
        const res = await request(server)
          .get(`${api}/entities/component/default/payments-api/declared-stack`)
          .set(as(READER));
        expect(res.status).toBe(200);
        expect(res.body.entityRef).toBe('component:default/payments-api');
        expect(res.body.systemRef).toBe('system:default/payments');
        expect(res.body.tools).toContainEqual(
          expect.objectContaining({ capability: 'gitops', tool: 'argo-cd' }),
        );
        expect(res.body.problems).toContainEqual(
          expect.objectContaining({
            annotation: 'runtime-stack.io/tools',
            message: expect.stringMatching(/linkerd2x/),
          }),
        );
        await request(server)
          .get(`${api}/entities/component/default/ghost/declared-stack`)
          .set(as(READER))
          .expect(404);
      });

      it('answers 404 for an entity the catalog does not know', async () => {
        const res = await request(server)
          .get(`${api}/entities/component/default/ghost/ownership`)
          .set(as(READER));
        expect(res.status).toBe(404);
      });

      describe('of scopes the catalog hides from the caller', () => {
        // secret-api and its payments System, both hidden from Olly.
        const secretApi = {
          kind: 'Component',
          metadata: { name: 'secret-api' },
          spec: { system: 'payments' },
        };
        let teamBRecord: any;

        beforeAll(async () => {
          await create(ADMIN, {
            scope: { kind: 'component', ref: 'secret-api' },
            layer: 6,
            owner: 'team-a',
            responsibility: 'operates',
            note: 'Ask in #secret',
            link: 'https://wiki.example.com/secret-api',
          }).expect(201);
          await create(ADMIN, {
            ...ingress,
            capability: 'ci-cd',
            owner: 'team-a',
            note: 'Ask in #secret-ci',
          }).expect(201);
          teamBRecord = (
            await create(ADMIN, {
              ...ingress,
              capability: 'platform',
              owner: 'team-b',
            }).expect(201)
          ).body;
        });

        /** Owners from stored records, as [owner, scope, note, recordId?]. */
        const storedOwners = (body: any) =>
          body.capabilities
            .flatMap((c: any) => c.owners)
            .filter((o: any) => o.inheritedFrom.source === 'store')
            .map((o: any) => [
              o.owner,
              o.inheritedFrom.ref,
              o.note,
              Boolean(o.recordId),
            ]);
        const hiddenScopes = [
          'system:default/payments',
          'component:default/secret-api',
        ];

        it('adds nothing of a hidden System to the ownership of a service the caller sees', async () => {
          const res = await request(server)
            .get(`${api}/entities/component/default/payments-api/ownership`)
            .set(as(OUTSIDER));
          expect(res.status).toBe(200);
          const refs = storedOwners(res.body).map((o: any[]) => o[1]);
          expect(refs).toContain('component:default/payments-api');
          expect(refs).not.toContain('system:default/payments');
          expect(res.body.scopes.map((s: any) => s.ref)).not.toContain(
            'system:default/payments',
          );
          expect(ownersOf(res.body, 'service-proxy')[0]).toMatchObject({
            owner: 'group:default/platform-team',
            inheritedFrom: { kind: 'organization' },
          });
          expect(JSON.stringify(res.body)).not.toMatch(
            /Ask in #platform|#secret-ci/,
          );
        });

        it('tells of a planned service nothing stored for a component or System the catalog hides', async () => {
          const planned = (user: string) =>
            request(server)
              .post(`${api}/ownership/planned`)
              .set(as(user))
              .send({ entity: secretApi });
          const seen = await planned(READER);
          expect(storedOwners(seen.body)).toEqual(
            expect.arrayContaining([
              [
                'group:default/team-a',
                'component:default/secret-api',
                'Ask in #secret',
                true,
              ],
              [
                'group:default/team-a',
                'system:default/payments',
                'Ask in #secret-ci',
                true,
              ],
            ]),
          );

          const hidden = await planned(OUTSIDER);
          expect(hidden.status).toBe(200);
          expect(hidden.body.entityRef).toBe('component:default/secret-api');
          expect(
            storedOwners(hidden.body).filter((o: any[]) =>
              hiddenScopes.includes(o[1]),
            ),
          ).toEqual([]);
          expect(
            hidden.body.scopes.filter((s: any) => hiddenScopes.includes(s.ref)),
          ).toEqual([]);
          expect(JSON.stringify(hidden.body)).not.toMatch(
            /#secret|wiki\.example\.com/,
          );
        });

        it('checks records of a hidden scope as if nothing were stored there, naming no owner of it', async () => {
          const recordsFor = (owner: string) =>
            [{ layer: 6 }, { capability: 'ci-cd' }].map(target => ({
              scope: { kind: 'component', ref: 'secret-api' },
              ...target,
              owner,
              responsibility: 'operates',
            }));
          const res = await request(server)
            .post(`${api}/ownership/check`)
            .set(as(OUTSIDER))
            .send({ entity: secretApi, records: recordsFor('team-b') });
          expect(res.status).toBe(200);
          expect(
            res.body.results.map((r: any) => [r.allowed, r.reason]),
          ).toEqual([
            [true, undefined],
            [true, undefined],
          ]);

          // Whoever sees them is told whose they are.
          const seen = await request(server)
            .post(`${api}/ownership/check`)
            .set(as(DANA))
            .send({ entity: secretApi, records: recordsFor('team-payments') });
          expect(seen.body.results.map((r: any) => r.reason)).toEqual([
            expect.stringMatching(/^group:default\/team-a owns layer 6/),
            expect.stringMatching(/^group:default\/team-a owns ci-cd/),
          ]);
        });

        it('answers 404 to a change or deletion of a record whose scope is hidden, changing nothing', async () => {
          const { id, version } = teamBRecord;
          const put = await request(server)
            .put(`${api}/ownership/${id}`)
            .set(as(OUTSIDER))
            .send({
              ...ingress,
              capability: 'platform',
              owner: 'team-b',
              note: 'Olly was here',
              version,
            });
          expect(put.status).toBe(404);
          expect(put.body.error.message).toBe(`No ownership record '${id}'`);
          const del = await request(server)
            .delete(`${api}/ownership/${id}?version=${version}`)
            .set(as(OUTSIDER));
          expect(del.status).toBe(404);

          const current = await request(server)
            .get(`${api}/ownership/${id}`)
            .set(as(READER));
          expect(current.status).toBe(200);
          expect(current.body).toMatchObject({ version });
          expect(current.body.note).toBeUndefined();

          // Olly may change what team-b owns where the catalog shows it.
          const visible = await create(ADMIN, {
            scope: { kind: 'cluster', ref: 'prod-us-1' },
            capability: 'platform',
            owner: 'team-b',
            responsibility: 'operates',
          }).expect(201);
          await request(server)
            .delete(`${api}/ownership/${visible.body.id}?version=1`)
            .set(as(OUTSIDER))
            .expect(200);
        });
      });
    });
  },
);
