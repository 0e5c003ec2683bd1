import { TestDatabases } from '@backstage/backend-test-utils';
import { insertInBatches } from './insertInBatches';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe('insertInBatches', () => {
  it.each(databases.eachSupportedId())(
    'inserts more rows than one SQLite compound insert takes, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('batch_rows', table => {
        table.integer('id').primary();
        table.string('name').notNullable();
      });
      const rows = Array.from({ length: 1234 }, (_, id) => ({
        id,
        name: `row-${id}`,
      }));
      await insertInBatches(knex, 'batch_rows', rows);
      await insertInBatches(knex, 'batch_rows', []);
      const [{ count, max }] = await knex('batch_rows')
        .count({ count: '*' })
        .max({ max: 'id' });
      expect(Number(count)).toBe(1234);
      expect(Number(max)).toBe(1233);
    },
  );
});
