import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-runtime-stack-backend',
  'migrations',
);

/** Brings the plugin's tables up to the newest migration. */
export async function migrateToLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** Undoes every migration of the plugin; for tests of the `down` steps. */
export async function migrateAllDown(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir }, true);
}
