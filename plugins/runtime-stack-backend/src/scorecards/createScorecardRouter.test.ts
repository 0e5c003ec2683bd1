import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import request from 'supertest';
import { CoverageEvaluationService } from '../layerCoverage/CoverageEvaluationService';
import { runtimeStackPlugin } from '../plugin';
import { catalogWithVisibility } from '../__testUtils__/portalBackend';
import {
  startTestBackendClosingDatabases,
  triggerableScheduler,
} from '@internal/backend-test-kit';

jest.setTimeout(60_000);

const component = (name: string, owner: string, system: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'runtime-stack.io/tools': 'gitops=argo-cd' },
  },
  spec: { type: 'service', lifecycle: 'production', owner, system },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    { type: 'partOf', targetRef: `system:default/${system}` },
  ],
});

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

const titled = (entity: Entity, title: string): Entity => ({
  ...entity,
  metadata: { ...entity.metadata, title },
});

const entities: Entity[] = [
  titled(component('pay-api', 'payments', 'payments'), 'Payments API'),
  component('pay-worker', 'payments', 'payments'),
  component('cart', 'checkout', 'shop'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'checkout' },
  },
  group('product'),
  group('payments', 'product'),
  group('checkout', 'product'),
];

async function startPortal(
  decide: (name: string) => AuthorizeResult = () => AuthorizeResult.ALLOW,
  hiddenFrom?: { user: string; entityRefs: string[] },
) {
  const scheduler = triggerableScheduler();
  const auditEvents: Array<{ eventId: string; meta: any; outcome?: string }> =
    [];
  const signalled: string[] = [];
  const backend = await startTestBackendClosingDatabases({
    databasePlugins: ['runtime-stack'],
    features: [
      runtimeStackPlugin,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogWithVisibility(entities, hiddenFrom),
      mockServices.rootConfig.factory({ data: {} }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          async publish({ channel }) {
            signalled.push(channel);
          },
        }),
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () =>
          ({
            async authorize(requests: Array<{ permission: { name: string } }>) {
              return requests.map(r => ({ result: decide(r.permission.name) }));
            },
            async authorizeConditional() {
              throw new Error('not used');
            },
          } as any),
      }),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () =>
          ({
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
          } as any),
      }),
    ],
  });
  await scheduler.triggerTask(CoverageEvaluationService.TASK_ID);
  return { backend, auditEvents, signalled };
}

const asUser = () => mockCredentials.user.header('user:default/guest');

describe('scorecard and exemption API', () => {
  it('rolls teams up, filters services and exports them as CSV', async () => {
    const { backend } = await startPortal();
    try {
      const teams = await request(backend.server)
        .get('/api/runtime-stack/scorecards/teams')
        .set('Authorization', asUser());
      expect(teams.status).toBe(200);
      expect(teams.body.items.map((i: any) => [i.team, i.services])).toEqual([
        ['group:default/checkout', 1],
        ['group:default/payments', 2],
        ['group:default/product', 3],
      ]);

      const services = await request(backend.server)
        .get('/api/runtime-stack/scorecards/services')
        .query({ team: 'payments', sort: 'entityRef', order: 'desc' })
        .set('Authorization', asUser());
      // By the names shown: "Payments API" after "pay-worker".
      expect(services.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/pay-api',
        'component:default/pay-worker',
      ]);

      const csv = await request(backend.server)
        .get('/api/runtime-stack/scorecards/services')
        .query({ system: 'shop', format: 'csv' })
        .set('Authorization', asUser());
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toMatch(
        /^service,owner,system,lifecycle,profile,coverage_percent/,
      );
      expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
        'component:default/cart',
      ]);

      const estate = await request(backend.server)
        .get('/api/runtime-stack/scorecards/trend')
        .set('Authorization', asUser());
      expect(estate.body.points).toHaveLength(1);
      expect(estate.body.points[0].services).toBe(3);

      // A System by its short ref: its two components added up.
      const system = await request(backend.server)
        .get('/api/runtime-stack/scorecards/trend')
        .query({ subject: 'system', ref: 'payments' })
        .set('Authorization', asUser());
      expect(system.body.subject).toEqual({
        kind: 'system',
        ref: 'system:default/payments',
      });
      expect(system.body.points.map((p: any) => p.services)).toEqual([2]);

      const noRef = await request(backend.server)
        .get('/api/runtime-stack/scorecards/trend')
        .query({ subject: 'system' })
        .set('Authorization', asUser());
      expect(noRef.status).toBe(400);
      expect(noRef.body.error.message).toMatch(/ref/);

      for (const [query, message] of [
        [
          { subject: 'estate', ref: 'payments' },
          /ref: not read for subject estate/,
        ],
        [
          { subject: 'team', ref: 'payments', layer: '3' },
          /layer: not read for subject team/,
        ],
        [
          { subject: 'layer', layer: '99' },
          /layer: no layer 99 in the layer model/,
        ],
      ] as const) {
        const ignored = await request(backend.server)
          .get('/api/runtime-stack/scorecards/trend')
          .query(query)
          .set('Authorization', asUser());
        expect(ignored.status).toBe(400);
        expect(ignored.body.error.message).toMatch(message);
      }

      // As the teams and the trend do: an unknown layer is not an empty one.
      for (const [route, query] of [
        ['scorecards/services', { layer: '99' }],
        ['scorecards/services', { layer: '99', format: 'csv' }],
        ['scorecards/teams', { layer: '99' }],
      ] as const) {
        const unknownLayer = await request(backend.server)
          .get(`/api/runtime-stack/${route}`)
          .query(query)
          .set('Authorization', asUser());
        expect(unknownLayer.status).toBe(400);
        expect(unknownLayer.body.error.message).toBe(
          'Invalid query: layer: no layer 99 in the layer model',
        );
      }
      const knownLayer = await request(backend.server)
        .get('/api/runtime-stack/scorecards/services')
        .query({ layer: '4', status: 'partial' })
        .set('Authorization', asUser());
      expect(knownLayer.status).toBe(200);
      expect(knownLayer.body.totalCount).toBe(3);

      const bad = await request(backend.server)
        .get('/api/runtime-stack/scorecards/services')
        .query({ sort: 'owner; drop table' })
        .set('Authorization', asUser());
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/sort/);

      for (const [route, query] of [
        ['scorecards/teams', { layer: '' }],
        ['scorecards/services', { offset: '' }],
        ['scorecards/trend', { days: ' ' }],
      ] as const) {
        const blank = await request(backend.server)
          .get(`/api/runtime-stack/${route}`)
          .query(query)
          .set('Authorization', asUser());
        expect(blank.status).toBe(400);
        expect(blank.body.error.message).toMatch(
          new RegExp(`Invalid query: ${Object.keys(query)[0]}`),
        );
      }
    } finally {
      await backend.stop();
    }
  });

  it('lists no service the catalog hides from the caller, though the counts are the estate’s', async () => {
    const { backend } = await startPortal(undefined, {
      user: 'user:default/guest',
      entityRefs: ['component:default/pay-worker', 'system:default/shop'],
    });
    try {
      // Expiring soon, on a System the guest may not see.
      const granted = await request(backend.server)
        .post('/api/runtime-stack/exemptions')
        .set('Authorization', mockCredentials.user.header('user:default/dana'))
        .send({
          scope: { kind: 'system', ref: 'shop' },
          capability: 'data-protection',
          reason: 'stateless',
          expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        });
      expect(granted.status).toBe(201);
      const get = (path: string, query: Record<string, string> = {}) =>
        request(backend.server)
          .get(`/api/runtime-stack${path}`)
          .query(query)
          .set('Authorization', asUser());
      const services = await get('/scorecards/services', { team: 'payments' });
      expect(services.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/pay-api',
      ]);
      expect(services.body.totalCount).toBe(2);

      const csv = await get('/scorecards/services', { format: 'csv' });
      expect(csv.text).not.toContain('pay-worker');
      expect(csv.text).toContain('component:default/pay-api');

      const team = await get('/scorecards/teams/default/payments');
      expect(team.body.services.map((s: any) => s.entityRef)).toEqual([
        'component:default/pay-api',
      ]);
      // The overall counts both services: the total says so, beside the one listed.
      expect(team.body.totalServices).toBe(2);
      // And why the list is short: one hidden, not a list cut at its limit.
      expect(team.body.hiddenServices).toBe(1);
      const checkout = await get('/scorecards/teams/default/checkout');
      expect(checkout.body.services).toHaveLength(1);
      expect(checkout.body.hiddenServices).toBe(0);
      expect(checkout.body.expiringExemptions).toEqual([]);

      const search = await get('/search/services');
      expect(search.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/cart',
        'component:default/pay-api',
      ]);
      // Page by page, the hidden service is skipped rather than left as a
      // gap: no page is short of it, and no cursor names it.
      const pages: string[][] = [];
      const cursors: string[] = [];
      let after: string | undefined;
      do {
        const next = await get('/search/services', {
          limit: '1',
          ...(after ? { after } : {}),
        });
        pages.push(next.body.items.map((i: any) => i.entityRef));
        after = next.body.nextAfter;
        if (after) cursors.push(after);
      } while (after);
      expect(pages).toEqual([
        ['component:default/cart'],
        ['component:default/pay-api'],
      ]);
      expect(cursors).toEqual(['component:default/cart']);

      // Their history and exemption reasons are not the guest's to read.
      const hiddenTrend = await get('/scorecards/trend', {
        subject: 'service',
        ref: 'pay-worker',
      });
      expect(hiddenTrend.status).toBe(404);
      const hiddenSystemTrend = await get('/scorecards/trend', {
        subject: 'system',
        ref: 'shop',
      });
      expect(hiddenSystemTrend.status).toBe(404);
      const shownTrend = await get('/scorecards/trend', {
        subject: 'service',
        ref: 'pay-api',
      });
      expect(shownTrend.status).toBe(200);
      const hiddenExemptions = await get('/exemptions', { scopeRef: 'shop' });
      expect(hiddenExemptions.body).toMatchObject({ items: [], totalCount: 0 });
      expect(JSON.stringify(hiddenExemptions.body)).not.toContain('stateless');

      // Another user sees them all.
      const asDana = (path: string) =>
        request(backend.server)
          .get(`/api/runtime-stack${path}`)
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/dana'),
          );
      const other = await asDana('/scorecards/services?team=payments');
      expect(other.body.items).toHaveLength(2);
      const checkoutForDana = await asDana(
        '/scorecards/teams/default/checkout',
      );
      expect(checkoutForDana.body.expiringExemptions).toHaveLength(1);
      const exemptionsForDana = await asDana('/exemptions?scopeRef=shop');
      expect(exemptionsForDana.body.items).toHaveLength(1);
    } finally {
      await backend.stop();
    }
  });

  it('revokes no exemption of a scope the catalog hides from the caller', async () => {
    const { backend, auditEvents } = await startPortal(undefined, {
      user: 'user:default/guest',
      entityRefs: ['system:default/shop'],
    });
    const as = (user: string) => mockCredentials.user.header(user);
    try {
      const granted = await request(backend.server)
        .post('/api/runtime-stack/exemptions')
        .set('Authorization', as('user:default/dana'))
        .send({
          scope: { kind: 'system', ref: 'shop' },
          capability: 'data-protection',
          reason: 'stateless',
          expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        });
      expect(granted.status).toBe(201);
      const revoke = (user: string, id: string) =>
        request(backend.server)
          .delete(`/api/runtime-stack/exemptions/${id}`)
          .set('Authorization', as(user));

      // As one that does not exist: the answer tells nothing of the System.
      const hidden = await revoke('user:default/guest', granted.body.id);
      const missing = await revoke('user:default/guest', 'no-such-id');
      expect([hidden.status, missing.status]).toEqual([404, 404]);
      expect(hidden.body.error.message).toBe(
        `No exemption '${granted.body.id}'`,
      );
      expect(auditEvents).toContainEqual(
        expect.objectContaining({
          meta: expect.objectContaining({
            actionType: 'delete',
            id: granted.body.id,
          }),
          outcome: 'failure',
        }),
      );

      const stillThere = await request(backend.server)
        .get('/api/runtime-stack/exemptions')
        .set('Authorization', as('user:default/dana'));
      expect(stillThere.body.items.map((e: any) => e.id)).toEqual([
        granted.body.id,
      ]);
      expect((await revoke('user:default/dana', granted.body.id)).status).toBe(
        204,
      );
    } finally {
      await backend.stop();
    }
  });

  it('leaves exemptions out of a team’s page for those who may not read them', async () => {
    const { backend } = await startPortal(name =>
      name === 'runtime-stack.exemption.read'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    try {
      const granted = await request(backend.server)
        .post('/api/runtime-stack/exemptions')
        .set('Authorization', asUser())
        .send({
          scope: { kind: 'system', ref: 'shop' },
          capability: 'data-protection',
          reason: 'stateless',
          expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        });
      expect(granted.status).toBe(201);

      const view = await request(backend.server)
        .get('/api/runtime-stack/scorecards/teams/default/checkout')
        .set('Authorization', asUser());
      expect(view.status).toBe(200);
      expect(view.body.services.map((s: any) => s.entityRef)).toEqual([
        'component:default/cart',
      ]);
      expect(view.body.expiringExemptions).toEqual([]);
      expect(JSON.stringify(view.body)).not.toContain('stateless');

      const list = await request(backend.server)
        .get('/api/runtime-stack/exemptions')
        .set('Authorization', asUser());
      expect(list.status).toBe(403);
    } finally {
      await backend.stop();
    }
  });

  it('pages through services for search, with titles, tools and gaps', async () => {
    const { backend } = await startPortal();
    try {
      const page = (query: Record<string, string | number>) =>
        request(backend.server)
          .get('/api/runtime-stack/search/services')
          .query(query)
          .set('Authorization', asUser());
      const first = await page({ limit: 2 });
      expect(first.status).toBe(200);
      expect(first.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/cart',
        'component:default/pay-api',
      ]);
      expect(first.body.nextAfter).toBe('component:default/pay-api');
      const payApi = first.body.items[1];
      expect(payApi).toMatchObject({
        title: 'Payments API',
        owner: 'group:default/payments',
        system: 'system:default/payments',
      });
      expect(first.body.items[0].title).toBeUndefined();
      // Declared, not seen: named with the status that says so.
      expect(payApi.tools).toContainEqual({
        capability: 'gitops',
        tool: 'argo-cd',
        status: 'partial',
        confirmed: false,
      });
      expect(payApi.gaps.length).toBe(payApi.gapCount);
      expect(payApi.gaps.length).toBeGreaterThan(0);
      for (const gap of payApi.gaps) {
        expect(['missing', 'partial']).toContain(gap.status);
      }
      // Declared but not seen on a cluster: a tool, and only a partial cover.
      expect(payApi.gaps.find((g: any) => g.capability === 'gitops')).toEqual({
        capability: 'gitops',
        layer: 4,
        status: 'partial',
      });

      // A page that ends the list says so, though it is full.
      const exact = await page({ limit: 3 });
      expect(exact.body.items).toHaveLength(3);
      expect(exact.body.nextAfter).toBeUndefined();

      const last = await page({ limit: 2, after: first.body.nextAfter });
      expect(last.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/pay-worker',
      ]);
      expect(last.body.nextAfter).toBeUndefined();

      const bad = await page({ limit: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/limit/);
    } finally {
      await backend.stop();
    }
  });

  it('grants an exemption, which counts at once and is audited, and revokes it', async () => {
    const { backend, auditEvents, signalled } = await startPortal();
    const statusOf = async (capability: string) => {
      const res = await request(backend.server)
        .get('/api/runtime-stack/entities/component/default/pay-api/coverage')
        .set('Authorization', asUser());
      return res.body.capabilities.find((c: any) => c.capability === capability)
        .status;
    };
    const requiredToday = async () => {
      const res = await request(backend.server)
        .get('/api/runtime-stack/scorecards/trend')
        .query({ subject: 'service', ref: 'pay-api' })
        .set('Authorization', asUser());
      return res.body.points[res.body.points.length - 1].required;
    };
    try {
      expect(await statusOf('data-protection')).toBe('missing');
      const requiredBefore = await requiredToday();
      signalled.length = 0;

      const missingReason = await request(backend.server)
        .post('/api/runtime-stack/exemptions')
        .set('Authorization', asUser())
        .send({
          scope: { kind: 'system', ref: 'payments' },
          capability: 'data-protection',
          reason: ' ',
          expiresAt: '2099-01-01T00:00:00Z',
        });
      expect(missingReason.status).toBe(400);
      expect(missingReason.body.error.message).toMatch(/reason/);

      const tooLong = await request(backend.server)
        .post('/api/runtime-stack/exemptions')
        .set('Authorization', asUser())
        .send({
          scope: { kind: 'system', ref: 'payments' },
          capability: 'data-protection',
          reason: 'stateless',
          expiresAt: '2099-01-01T00:00:00Z',
        });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toMatch(/expiresAt/);

      const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const created = await request(backend.server)
        .post('/api/runtime-stack/exemptions')
        .set('Authorization', asUser())
        .send({
          scope: { kind: 'system', ref: 'payments' },
          capability: 'data-protection',
          reason: 'stateless services, nothing to back up',
          expiresAt,
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        scope: { kind: 'system', ref: 'system:default/payments' },
        grantedBy: 'user:default/guest',
        requestedBy: 'user:default/guest',
      });
      // Both components of the System were evaluated again, and pages open
      // on them, on the System and on the owning groups are told.
      expect(await statusOf('data-protection')).toBe('exempt');
      // Today's trend point counts it at once: exempt is not required.
      expect(await requiredToday()).toBe(requiredBefore - 1);
      expect(signalled.sort()).toEqual([
        'runtime-stack:coverage:component:default/pay-api',
        'runtime-stack:coverage:component:default/pay-worker',
        'runtime-stack:coverage:group:default/payments',
        'runtime-stack:coverage:group:default/product',
        'runtime-stack:coverage:system:default/payments',
      ]);
      expect(auditEvents).toContainEqual(
        expect.objectContaining({
          eventId: 'exemption-change',
          outcome: 'success',
          meta: expect.objectContaining({ actionType: 'create' }),
        }),
      );

      const listed = await request(backend.server)
        .get('/api/runtime-stack/exemptions')
        .query({ expiringWithinDays: 31 })
        .set('Authorization', asUser());
      expect(listed.body.items.map((e: any) => e.id)).toEqual([
        created.body.id,
      ]);
      const badPage = await request(backend.server)
        .get('/api/runtime-stack/exemptions')
        .query({ limit: 5000 })
        .set('Authorization', asUser());
      expect(badPage.status).toBe(400);
      expect(badPage.body.error.message).toMatch(/limit/);
      expect(listed.body).toMatchObject({
        totalCount: 1,
        limit: 200,
        offset: 0,
      });
      // By the System's name, as it was granted.
      const byName = await request(backend.server)
        .get('/api/runtime-stack/exemptions')
        .query({ scopeRef: 'payments' })
        .set('Authorization', asUser());
      expect(byName.body.items.map((e: any) => e.id)).toEqual([
        created.body.id,
      ]);

      const view = await request(backend.server)
        .get('/api/runtime-stack/scorecards/teams/default/product')
        .set('Authorization', asUser());
      expect(view.body.groups).toEqual([
        'group:default/product',
        'group:default/checkout',
        'group:default/payments',
      ]);
      expect(view.body.expiringExemptions).toHaveLength(1);

      const revoked = await request(backend.server)
        .delete(`/api/runtime-stack/exemptions/${created.body.id}`)
        .set('Authorization', asUser());
      expect(revoked.status).toBe(204);
      expect(await statusOf('data-protection')).toBe('missing');
      expect(await requiredToday()).toBe(requiredBefore);
    } finally {
      await backend.stop();
    }
  });

  it('refuses without the permissions, naming what was refused', async () => {
    const { backend } = await startPortal(name =>
      name.startsWith('runtime-stack.exemption.create') ||
      name === 'runtime-stack.scorecard.read'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    try {
      const teams = await request(backend.server)
        .get('/api/runtime-stack/scorecards/teams')
        .set('Authorization', asUser());
      expect(teams.status).toBe(403);
      expect(teams.body.error.message).toMatch(/scorecards/);
      const search = await request(backend.server)
        .get('/api/runtime-stack/search/services')
        .set('Authorization', asUser());
      expect(search.status).toBe(403);
      const grant = await request(backend.server)
        .post('/api/runtime-stack/exemptions')
        .set('Authorization', asUser())
        .send({});
      expect(grant.status).toBe(403);
      expect(grant.body.error.message).toMatch(/Granting exemptions/);
    } finally {
      await backend.stop();
    }
  });
});
