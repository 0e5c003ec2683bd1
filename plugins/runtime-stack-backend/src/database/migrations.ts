import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-runtime-stack-backend',
  'migrations',
);

/** How long a replica waits for another one's migrations. */
export interface MigrationWait {
  attempts: number;
  delayMs: number;
}

const defaultWait: MigrationWait = { attempts: 60, delayMs: 500 };

/**
 * What knex throws when another process migrates the same database at the
 * same moment: its lock is taken, or both raced to create knex's own tables
 * on an empty database (PostgreSQL reports that as a duplicate key of
 * pg_class, SQLite and others as "already exists").
 */
function isConcurrentMigration(error: unknown): boolean {
  const { name, message } = error as Error;
  if (name === 'MigrationLocked') return true;
  return (
    /knex_migrations/.test(message ?? '') &&
    /already exists|duplicate key/i.test(message ?? '')
  );
}

/** knex's lock table, beside its default `knex_migrations`. */
const LOCK_TABLE = 'knex_migrations_lock';

/**
 * Keeps one row of knex's lock table. Replicas that start together on an
 * empty database can each find it empty and each insert a row; knex then
 * takes the lock by updating exactly one row, so with two rows nobody ever
 * gets it. With two rows nobody holds it either, so the extra rows can go.
 */
async function dropExtraLockRows(knex: Knex): Promise<void> {
  const rows: Array<{ index: number }> = await knex(LOCK_TABLE)
    .select('index')
    .orderBy('index');
  if (rows.length > 1) {
    await knex(LOCK_TABLE)
      .whereIn(
        'index',
        rows.slice(1).map(row => row.index),
      )
      .delete();
  }
}

/**
 * Brings the plugin's tables up to the newest migration. Replicas that start
 * together on one database all call this; knex lets only one migrate and
 * fails the others, so they wait and try again until the first is done.
 */
export async function migrateToLatest(
  knex: Knex,
  wait: MigrationWait = defaultWait,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (attempt >= wait.attempts || !isConcurrentMigration(error)) {
        throw error;
      }
      if ((error as Error).name === 'MigrationLocked') {
        await dropExtraLockRows(knex);
      }
      await new Promise(resolve => setTimeout(resolve, wait.delayMs));
    }
  }
}

/** Undoes every migration of the plugin; for tests of the `down` steps. */
export async function migrateAllDown(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir }, true);
}

/**
 * Undoes the plugin's migrations newest first until `name` is undone; for
 * tests of the `down` steps on a database that holds rows.
 */
export async function migrateDownThrough(
  knex: Knex,
  name: string,
): Promise<void> {
  const applied = async () => {
    const [completed] = await knex.migrate.list({ directory: migrationsDir });
    return (completed as Array<{ name: string }>).map(m => m.name);
  };
  while ((await applied()).includes(name)) {
    await knex.migrate.down({ directory: migrationsDir });
  }
}
