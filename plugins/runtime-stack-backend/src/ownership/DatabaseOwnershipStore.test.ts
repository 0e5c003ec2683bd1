import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import {
  migrateAllDown,
  migrateDownThrough,
  migrateToLatest,
} from '../database/migrations';
import { DatabaseOwnershipStore } from './DatabaseOwnershipStore';
import type { OwnershipAssignment } from './OwnershipStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const ingressForPayments: OwnershipAssignment = {
  scope: { kind: 'system', ref: 'system:default/payments' },
  layer: 3,
  capability: 'service-proxy',
  owner: 'group:default/platform-team',
  responsibility: 'operates',
  link: 'https://runbooks.acme.internal/ingress',
};

describe.each(databases.eachSupportedId())(
  'DatabaseOwnershipStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseOwnershipStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      store = new DatabaseOwnershipStore(knex);
    });

    beforeEach(async () => {
      await knex('layer_ownership_history').delete();
      await knex('layer_ownership').delete();
    });

    it('creates a record at version 1 and reads it back', async () => {
      const created = await store.create(
        ingressForPayments,
        'user:default/pat',
      );
      expect(created).toMatchObject({
        scope: ingressForPayments.scope,
        layer: 3,
        capability: 'service-proxy',
        owner: 'group:default/platform-team',
        responsibility: 'operates',
        link: 'https://runbooks.acme.internal/ingress',
        version: 1,
        createdBy: 'user:default/pat',
        updatedBy: 'user:default/pat',
      });
      expect(created.note).toBeUndefined();
      expect(Date.parse(created.createdAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      await expect(store.get(created.id)).resolves.toEqual(created);
    });

    it('refuses a second record for the same scope, target and responsibility', async () => {
      await store.create(ingressForPayments, 'user:default/pat');
      await expect(
        store.create(
          { ...ingressForPayments, owner: 'group:default/team-payments' },
          'user:default/dana',
        ),
      ).rejects.toThrow(ConflictError);
      // A different responsibility for the same target is a separate record.
      await expect(
        store.create(
          { ...ingressForPayments, responsibility: 'consumes' },
          'user:default/dana',
        ),
      ).resolves.toMatchObject({ responsibility: 'consumes' });
    });

    it('keeps a whole-layer record and a capability record of that layer apart', async () => {
      const { capability: _omit, ...wholeLayer } = ingressForPayments;
      await store.create(wholeLayer, 'user:default/pat');
      await store.create(ingressForPayments, 'user:default/pat');
      await expect(
        store.create(wholeLayer, 'user:default/pat'),
      ).rejects.toThrow(ConflictError);
    });

    it('updates with the current version and bumps it', async () => {
      const created = await store.create(
        ingressForPayments,
        'user:default/pat',
      );
      const updated = await store.update(
        created.id,
        1,
        { ...ingressForPayments, note: 'Shared ingress, ask in #platform' },
        'user:default/dana',
      );
      expect(updated).toMatchObject({
        version: 2,
        note: 'Shared ingress, ask in #platform',
        createdBy: 'user:default/pat',
        updatedBy: 'user:default/dana',
      });
    });

    it('answers a stale version with a conflict naming who changed it, and changes nothing', async () => {
      const created = await store.create(
        ingressForPayments,
        'user:default/pat',
      );
      await store.update(
        created.id,
        1,
        { ...ingressForPayments, note: 'first' },
        'user:default/dana',
      );

      const stale = store.update(
        created.id,
        1,
        { ...ingressForPayments, note: 'second' },
        'user:default/lee',
      );
      await expect(stale).rejects.toThrow(ConflictError);
      await expect(stale).rejects.toThrow(
        /changed by user:default\/dana .* version 2, not 1/,
      );
      await expect(store.get(created.id)).resolves.toMatchObject({
        version: 2,
        note: 'first',
      });
      await expect(
        store.delete(created.id, 1, 'user:default/lee'),
      ).rejects.toThrow(ConflictError);
      await expect(store.get(created.id)).resolves.toBeDefined();
    });

    it('reports a missing record as not found', async () => {
      await expect(
        store.update(
          '00000000-0000-0000-0000-000000000000',
          1,
          ingressForPayments,
          'user:default/pat',
        ),
      ).rejects.toThrow(NotFoundError);
    });

    it('keeps every create, update and delete in the history, newest first', async () => {
      const created = await store.create(
        ingressForPayments,
        'user:default/pat',
      );
      const updated = await store.update(
        created.id,
        1,
        { ...ingressForPayments, owner: 'group:default/team-payments' },
        'user:default/dana',
      );
      await store.delete(created.id, 2, 'user:default/pat');

      const { items, totalCount } = await store.history(
        { ownershipId: created.id },
        { limit: 10, offset: 0 },
      );
      expect(totalCount).toBe(3);
      expect(items.map(c => [c.action, c.actor])).toEqual([
        ['delete', 'user:default/pat'],
        ['update', 'user:default/dana'],
        ['create', 'user:default/pat'],
      ]);
      expect(items[2].before).toBeUndefined();
      expect(items[2].after).toEqual(created);
      expect(items[1].before).toEqual(created);
      expect(items[1].after).toEqual(updated);
      expect(items[0].before).toEqual(updated);
      expect(items[0].after).toBeUndefined();
      await expect(store.get(created.id)).resolves.toBeUndefined();

      const byScope = await store.history(
        { scopeRefs: ['system:default/payments'] },
        { limit: 2, offset: 0 },
      );
      expect(byScope).toMatchObject({ totalCount: 3 });
      expect(byScope.items).toHaveLength(2);
    });

    it('keeps a record moved to another scope in the history of the scope it left', async () => {
      const payments = 'component:default/payments-api';
      const refunds = 'component:default/refunds-api';
      const onScope = (ref: string): OwnershipAssignment => ({
        ...ingressForPayments,
        scope: { kind: 'component', ref },
      });
      const created = await store.create(onScope(payments), 'user:default/pat');
      await store.update(created.id, 1, onScope(refunds), 'user:default/dana');
      await store.delete(created.id, 2, 'user:default/pat');
      const historyOf = async (ref: string) =>
        (
          await store.history({ scopeRefs: [ref] }, { limit: 10, offset: 0 })
        ).items.map(c => [c.action, c.before?.scope.ref, c.after?.scope.ref]);

      // The scope it left shows it leave: its history does not end at a
      // create while it has no record.
      expect(await historyOf(payments)).toEqual([
        ['update', payments, refunds],
        ['create', undefined, payments],
      ]);
      expect(await historyOf(refunds)).toEqual([
        ['delete', refunds, undefined],
        ['update', payments, refunds],
      ]);

      // Walked by key, both ways of belonging to the scope keep their order.
      const first = await store.history(
        { scopeRefs: [payments] },
        { limit: 1, offset: 0 },
      );
      expect(first.totalCount).toBe(2);
      const second = await store.history(
        { scopeRefs: [payments] },
        { limit: 1, after: first.next! },
      );
      expect([...first.items, ...second.items].map(c => c.action)).toEqual([
        'update',
        'create',
      ]);
      expect(second.next).toBeUndefined();

      // Narrowed to one record, other records of the scope stay out.
      await store.create(onScope(payments), 'user:default/pat');
      await expect(
        store.history(
          { ownershipId: created.id, scopeRefs: [payments] },
          { limit: 10, offset: 0 },
        ),
      ).resolves.toMatchObject({ totalCount: 2 });
    });

    // Refs are written in lower case now; records stored before may not be.
    describe('scope refs differing only in case', () => {
      const lower = 'component:default/payments-api';
      const upper = 'component:default/Payments-API';
      const onScope = (
        ref: string,
        extra: Partial<OwnershipAssignment> = {},
      ): OwnershipAssignment => ({
        ...ingressForPayments,
        scope: { kind: 'component', ref },
        ...extra,
      });

      it('are the same scope to look records and changes up by, as in the catalog', async () => {
        const created = await store.create(onScope(lower), 'user:default/pat');
        const found = await store.findForScopes([
          { kind: 'component', ref: upper },
        ]);
        // Found, with the ref as it was given.
        expect(found.map(r => [r.id, r.scope.ref])).toEqual([
          [created.id, lower],
        ]);
        await expect(
          store.findForScopes([{ kind: 'system', ref: upper }]),
        ).resolves.toEqual([]);
        await expect(
          store.list({ scopeRefs: [upper] }, { limit: 10, offset: 0 }),
        ).resolves.toMatchObject({ totalCount: 1 });
        await expect(
          store.history({ scopeRefs: [upper] }, { limit: 10, offset: 0 }),
        ).resolves.toMatchObject({ totalCount: 1 });
      });

      it('make no second record of the same target and responsibility', async () => {
        const created = await store.create(onScope(lower), 'user:default/pat');
        await expect(
          store.create(onScope(upper), 'user:default/dana'),
        ).rejects.toThrow(
          new ConflictError(
            `An ownership record for operates of capability 'service-proxy' for component 'component:default/Payments-API' already exists as '${lower}'; update that one instead`,
          ),
        );
        const consumes = await store.create(
          onScope(upper, { responsibility: 'consumes' }),
          'user:default/dana',
        );
        await expect(
          store.update(
            consumes.id,
            1,
            onScope(upper, { responsibility: 'operates' }),
            'user:default/dana',
          ),
        ).rejects.toThrow(ConflictError);
        // Its own record may change the case of its ref.
        await expect(
          store.update(created.id, 1, onScope(upper), 'user:default/pat'),
        ).resolves.toMatchObject({ version: 2, scope: { ref: upper } });
      });

      it('stored before they were refused both count, and each can still be edited', async () => {
        const created = await store.create(onScope(lower), 'user:default/pat');
        const { id: _id, ...row } = await knex('layer_ownership')
          .where({ id: created.id })
          .first();
        await knex('layer_ownership').insert({
          ...row,
          id: '0b7e9f52-5d0e-4c33-8a4e-6f1d2c3b4a59',
          scope_ref: upper,
          owner_ref: 'group:default/team-payments',
        });
        const found = await store.findForScopes([
          { kind: 'component', ref: upper },
        ]);
        expect(found.map(r => r.owner).sort()).toEqual([
          'group:default/platform-team',
          'group:default/team-payments',
        ]);
        await expect(
          store.update(
            created.id,
            1,
            onScope(lower, { note: 'One of two' }),
            'user:default/pat',
          ),
        ).resolves.toMatchObject({ version: 2, note: 'One of two' });
      });
    });

    it('filters and pages the list', async () => {
      for (const [i, team] of ['team-a', 'team-b', 'team-c'].entries()) {
        await store.create(
          {
            scope: { kind: 'component', ref: `component:default/svc-${i}` },
            layer: 4,
            capability: 'metrics',
            owner: `group:default/${team}`,
            responsibility: 'operates',
          },
          'user:default/pat',
        );
      }
      await store.create(
        {
          scope: { kind: 'cluster', ref: 'prod-eu-1' },
          layer: 3,
          owner: 'group:default/platform-team',
          responsibility: 'operates',
        },
        'user:default/pat',
      );

      const metrics = await store.list(
        { capability: 'metrics' },
        { limit: 2, offset: 0 },
      );
      expect(metrics.totalCount).toBe(3);
      expect(metrics.items.map(r => r.scope.ref)).toEqual([
        'component:default/svc-0',
        'component:default/svc-1',
      ]);
      const next = await store.list(
        { capability: 'metrics' },
        { limit: 2, offset: 2 },
      );
      expect(next.items.map(r => r.scope.ref)).toEqual([
        'component:default/svc-2',
      ]);

      await expect(
        store.list({ layer: 3 }, { limit: 10, offset: 0 }),
      ).resolves.toMatchObject({ totalCount: 1 });
      await expect(
        store.list(
          { owners: ['group:default/team-a', 'group:default/team-c'] },
          { limit: 10, offset: 0 },
        ),
      ).resolves.toMatchObject({ totalCount: 2 });
      await expect(
        store.list(
          { scopeKind: 'cluster', scopeRefs: ['prod-eu-1'] },
          { limit: 10, offset: 0 },
        ),
      ).resolves.toMatchObject({ totalCount: 1 });
    });

    it('walks a list by sort key, in the offset order, without counting', async () => {
      for (let i = 0; i < 5; i++) {
        for (const capability of ['metrics', 'logs']) {
          await store.create(
            {
              scope: { kind: 'component', ref: `component:default/svc-${i}` },
              layer: 4,
              capability,
              owner: 'group:default/team-a',
              responsibility: 'operates',
            },
            'user:default/pat',
          );
        }
      }
      const byOffset = await store.list({}, { limit: 10, offset: 0 });
      expect(byOffset.totalCount).toBe(10);
      expect(byOffset.next).toBeUndefined();

      const walked: string[] = [];
      let page = await store.list({}, { limit: 3, offset: 0 });
      expect(page.totalCount).toBe(10);
      for (;;) {
        walked.push(...page.items.map(r => r.id));
        if (!page.next) break;
        page = await store.list({}, { limit: 3, after: page.next });
        expect(page.totalCount).toBeUndefined();
      }
      expect(walked).toEqual(byOffset.items.map(r => r.id));

      const logs = await store.list(
        { capability: 'logs' },
        { limit: 2, offset: 0 },
      );
      const rest = await store.list(
        { capability: 'logs' },
        { limit: 10, after: logs.next! },
      );
      expect(rest.items.map(r => r.scope.ref)).toEqual([
        'component:default/svc-2',
        'component:default/svc-3',
        'component:default/svc-4',
      ]);
      expect(rest.next).toBeUndefined();

      await expect(store.list({}, { limit: 3, after: [12] })).rejects.toThrow(
        InputError,
      );
      await expect(
        store.list(
          {},
          { limit: 3, after: ['component', 'x', 'four', 'y', 'z'] },
        ),
      ).rejects.toThrow(/not a position in this list/);
      // Keys the database could not compare with its columns: an answer of
      // 400, not an error from PostgreSQL.
      for (const after of [
        ['cluster', 'a', Number.MAX_SAFE_INTEGER, '*', 'operates'],
        ['cluster', 'a', 2 ** 31, '*', 'operates'],
        ['cluster', 'a\u0000', 0, '*', 'operates'],
      ]) {
        await expect(store.list({}, { limit: 3, after })).rejects.toThrow(
          /Invalid cursor: it is not a position in this list/,
        );
      }
      const lastLayer = await store.list(
        {},
        { limit: 3, after: ['cluster', 'a', 2 ** 31 - 1, '*', 'operates'] },
      );
      expect(lastLayer.items).toHaveLength(3);
    });

    it('walks the history newest first by id', async () => {
      const created = await store.create(
        ingressForPayments,
        'user:default/pat',
      );
      for (let version = 1; version <= 4; version++) {
        await store.update(
          created.id,
          version,
          { ...ingressForPayments, note: `change ${version}` },
          'user:default/pat',
        );
      }
      const all = await store.history(
        { ownershipId: created.id },
        { limit: 10, offset: 0 },
      );
      const first = await store.history(
        { ownershipId: created.id },
        { limit: 2, offset: 0 },
      );
      const second = await store.history(
        { ownershipId: created.id },
        { limit: 2, after: first.next! },
      );
      const third = await store.history(
        { ownershipId: created.id },
        { limit: 2, after: second.next! },
      );
      expect(
        [...first.items, ...second.items, ...third.items].map(c => c.id),
      ).toEqual(all.items.map(c => c.id));
      expect(third.items).toHaveLength(1);
      expect(third.next).toBeUndefined();
    });

    it('finds the records of several scopes at once, matching kind and ref', async () => {
      await store.create(ingressForPayments, 'user:default/pat');
      await store.create(
        {
          scope: { kind: 'cluster', ref: 'prod-eu-1' },
          layer: 3,
          owner: 'group:default/platform-team',
          responsibility: 'operates',
        },
        'user:default/pat',
      );
      await store.create(
        {
          scope: { kind: 'environment', ref: 'prod-eu-1' },
          layer: 1,
          owner: 'group:default/platform-team',
          responsibility: 'operates',
        },
        'user:default/pat',
      );
      const found = await store.findForScopes([
        { kind: 'system', ref: 'system:default/payments' },
        { kind: 'cluster', ref: 'prod-eu-1' },
      ]);
      expect(found.map(r => `${r.scope.kind}:${r.scope.ref}`).sort()).toEqual([
        'cluster:prod-eu-1',
        'system:system:default/payments',
      ]);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'the history before-scope migration on %s',
  databaseId => {
    const migration = '20261210120000_layer_ownership_history_before_scope.js';

    it('files the changes stored before it under the scope each record left, and goes down keeping them', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      await migrateDownThrough(knex, migration);
      expect(
        await knex.schema.hasColumn(
          'layer_ownership_history',
          'before_scope_ref',
        ),
      ).toBe(false);

      // As the store wrote a create, then a move, before the migration.
      const record = (ref: string, version: number) => ({
        id: 'b5c1ad9e-3f0c-4f57-9a55-0d3c2a4b8e01',
        scope: { kind: 'component', ref },
        layer: 3,
        capability: 'service-proxy',
        owner: 'group:default/platform-team',
        responsibility: 'operates',
        note: 'Ask in #platform',
        version,
      });
      const change = (
        action: string,
        before?: object,
        after?: { scope: { kind: string; ref: string } },
      ) => ({
        ownership_id: 'b5c1ad9e-3f0c-4f57-9a55-0d3c2a4b8e01',
        scope_kind: 'component',
        scope_ref: (after ?? (before as typeof after))!.scope.ref,
        action,
        actor: 'user:default/pat',
        at: new Date(),
        before: before ? JSON.stringify(before) : null,
        after: after ? JSON.stringify(after) : null,
      });
      const payments = 'component:default/payments-api';
      const refunds = 'component:default/refunds-api';
      await knex('layer_ownership_history').insert(
        change('create', undefined, record(payments, 1)),
      );
      await knex('layer_ownership_history').insert(
        change('update', record(payments, 1), record(refunds, 2)),
      );

      await migrateToLatest(knex);
      const store = new DatabaseOwnershipStore(knex);
      const history = await store.history(
        { scopeRefs: [payments] },
        { limit: 10, offset: 0 },
      );
      expect(history.items.map(c => c.action)).toEqual(['update', 'create']);
      expect(
        await knex('layer_ownership_history')
          .orderBy('id')
          .pluck('before_scope_ref'),
      ).toEqual([null, payments]);

      await migrateDownThrough(knex, migration);
      expect(
        await knex('layer_ownership_history').orderBy('id').pluck('action'),
      ).toEqual(['create', 'update']);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'the scope ref case migration on %s',
  databaseId => {
    it('goes up and down over records that differ only in case', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      const migration = '20261210130000_layer_ownership_scope_ref_case.js';
      await migrateDownThrough(knex, migration);
      const now = new Date();
      const row = (id: string, ref: string) => ({
        id,
        scope_kind: 'component',
        scope_ref: ref,
        layer: 3,
        capability: null,
        target_key: '*',
        owner_ref: 'group:default/platform-team',
        responsibility: 'operates',
        version: 1,
        created_at: now,
        created_by: 'user:default/pat',
        updated_at: now,
        updated_by: 'user:default/pat',
      });
      await knex('layer_ownership').insert([
        row('7f0c3d1e-1a2b-4c5d-8e9f-0a1b2c3d4e5f', 'component:default/a-b'),
        row('8a1d4e2f-2b3c-4d6e-9fa0-1b2c3d4e5f60', 'component:default/A-B'),
      ]);

      await migrateToLatest(knex);
      const found = await new DatabaseOwnershipStore(knex).findForScopes([
        { kind: 'component', ref: 'component:default/a-B' },
      ]);
      expect(found).toHaveLength(2);

      await migrateDownThrough(knex, migration);
      expect(
        Number((await knex('layer_ownership').count({ n: '*' }))[0].n),
      ).toBe(2);
    });
  },
);

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('go up and down cleanly, and up again', async () => {
    const knex = await databases.init(databaseId);
    await migrateToLatest(knex);
    expect(await knex.schema.hasTable('layer_ownership')).toBe(true);
    expect(await knex.schema.hasTable('layer_ownership_history')).toBe(true);

    await migrateAllDown(knex);
    expect(await knex.schema.hasTable('layer_ownership')).toBe(false);
    expect(await knex.schema.hasTable('layer_ownership_history')).toBe(false);

    await migrateToLatest(knex);
    expect(await knex.schema.hasTable('layer_ownership')).toBe(true);
  });
});
