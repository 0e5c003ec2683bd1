import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { migrateToLatest } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function knexFailingWith(...errors: Error[]) {
  const latest = jest.fn(async () => {
    const error = errors.shift();
    if (error) throw error;
  });
  // knex's lock table, as one replica sees it: one row.
  const lockRows = {
    select: () => ({ orderBy: async () => [{ index: 1 }] }),
  };
  const knex = Object.assign(() => lockRows, { migrate: { latest } });
  return { knex: knex as unknown as Knex, latest };
}

function lockError() {
  const error = new Error('Migration table is already locked');
  error.name = 'MigrationLocked';
  return error;
}

describe('the tables on PostgreSQL', () => {
  it('say in a comment what each column holds, and keep the coverage ratio as a double', async () => {
    const knex = await databases.init('POSTGRES_15');
    await migrateToLatest(knex);
    const { rows } = await knex.raw(
      `select c.table_name, c.column_name, c.data_type,
              col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position) as comment
         from information_schema.columns c
        where c.table_schema = current_schema()
          and c.table_name not like 'knex_%'`,
    );
    expect(rows.length).toBeGreaterThan(50);
    const uncommented = rows
      .filter((r: { comment: string | null }) => !r.comment)
      .map(
        (r: { table_name: string; column_name: string }) =>
          `${r.table_name}.${r.column_name}`,
      );
    expect(uncommented).toEqual([]);
    expect(
      rows.find(
        (r: { table_name: string; column_name: string }) =>
          r.table_name === 'service_coverage' && r.column_name === 'ratio',
      ).data_type,
    ).toBe('double precision');
  });
});

describe('migrateToLatest', () => {
  it.each(databases.eachSupportedId())(
    'lets replicas that start together on an empty %s database all come up',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await expect(
        Promise.all([1, 2, 3].map(() => migrateToLatest(knex))),
      ).resolves.toHaveLength(3);

      const applied = await knex('knex_migrations').select('name');
      const names = applied.map(row => row.name);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
      expect(await knex.schema.hasTable('layer_ownership')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'comes up on a %s database where replicas racing to start left knex two lock rows',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // What two replicas leave when both find knex's lock table empty.
      await knex.schema.createTable('knex_migrations_lock', table => {
        table.increments('index').primary();
        table.integer('is_locked');
      });
      await knex('knex_migrations_lock').insert([
        { is_locked: 0 },
        { is_locked: 0 },
      ]);

      await migrateToLatest(knex, { attempts: 3, delayMs: 1 });

      expect(await knex.schema.hasTable('layer_ownership')).toBe(true);
      expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([
        { is_locked: 0 },
      ]);
    },
  );

  it('waits while another replica holds the migration lock', async () => {
    const { knex, latest } = knexFailingWith(lockError(), lockError());
    await migrateToLatest(knex, { attempts: 5, delayMs: 1 });
    expect(latest).toHaveBeenCalledTimes(3);
  });

  it('retries the race to create knex_migrations on an empty database', async () => {
    const { knex, latest } = knexFailingWith(
      new Error(
        'create table "knex_migrations" (...) - duplicate key value violates unique constraint "pg_class_relname_nsp_index"',
      ),
    );
    await migrateToLatest(knex, { attempts: 5, delayMs: 1 });
    expect(latest).toHaveBeenCalledTimes(2);
  });

  it('gives up after the last attempt', async () => {
    const { knex, latest } = knexFailingWith(lockError(), lockError());
    await expect(
      migrateToLatest(knex, { attempts: 2, delayMs: 1 }),
    ).rejects.toThrow('already locked');
    expect(latest).toHaveBeenCalledTimes(2);
  });

  it('throws any other failure at once', async () => {
    const { knex, latest } = knexFailingWith(
      new Error('alter table "layer_ownership" failed: permission denied'),
    );
    await expect(
      migrateToLatest(knex, { attempts: 5, delayMs: 1 }),
    ).rejects.toThrow('permission denied');
    expect(latest).toHaveBeenCalledTimes(1);
  });
});
