import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

type TestBackendOptions = Parameters<typeof startTestBackend>[0];

/**
 * `startTestBackend`, whose `stop()` also closes the databases of the named
 * plugins. Backstage leaves a plugin's SQLite database open when the backend
 * stops, and its connection pool's reaping interval then keeps the Jest
 * worker alive after its tests ("A worker process has failed to exit
 * gracefully").
 */
export async function startTestBackendClosingDatabases(
  options: TestBackendOptions & { databasePlugins: string[] },
) {
  const { databasePlugins, ...rest } = options;
  const clients: Knex[] = [];
  // A plugin's database service hands every caller the same client.
  const capture = databasePlugins.map(pluginId =>
    createBackendModule({
      pluginId,
      moduleId: 'test-database-closer',
      register(env) {
        env.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            clients.push(await database.getClient());
          },
        });
      },
    }),
  );
  const backend = await startTestBackend({
    ...rest,
    features: [...(rest.features ?? []), ...capture],
  });
  return {
    ...backend,
    async stop() {
      await backend.stop();
      await Promise.all(clients.map(client => client.destroy()));
    },
  };
}
