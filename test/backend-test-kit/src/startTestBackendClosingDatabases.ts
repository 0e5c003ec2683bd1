import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

type TestBackendOptions = Parameters<typeof startTestBackend>[0];
type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;

/** The pool's reaping timer: tarn keeps it while the pool holds a connection. */
function releaseReapingTimer(client: Knex) {
  const pool = client.client.pool as {
    interval?: ReturnType<typeof setInterval> | null;
  };
  pool?.interval?.unref();
}

/**
 * `startTestBackend`, whose `stop()` also closes the databases of the
 * plugins in `databasePlugins`. Backstage leaves a plugin's SQLite database
 * open when the backend stops, and its connection pool's reaping interval
 * then keeps the Jest worker alive after its tests ("A worker process has
 * failed to exit gracefully"). Plugins whose background work goes on after
 * `stop()` (the scaffolder's task workers, the catalog's processing) go in
 * `lingeringDatabasePlugins`: their databases stay open for it, but the
 * timer no longer holds the worker.
 */
export async function startTestBackendClosingDatabases(
  options: TestBackendOptions & {
    databasePlugins?: string[];
    lingeringDatabasePlugins?: string[];
  },
): Promise<TestBackend> {
  const {
    databasePlugins = [],
    lingeringDatabasePlugins = [],
    ...rest
  } = options;
  const clients = new Map<string, Knex>();
  // A plugin's database service hands every caller the same client.
  const capture = [...databasePlugins, ...lingeringDatabasePlugins].map(
    pluginId =>
      createBackendModule({
        pluginId,
        moduleId: 'test-database-closer',
        register(env) {
          env.registerInit({
            deps: { database: coreServices.database },
            async init({ database }) {
              clients.set(pluginId, await database.getClient());
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
      for (const pluginId of lingeringDatabasePlugins) {
        releaseReapingTimer(clients.get(pluginId)!);
      }
      await Promise.all(
        databasePlugins.map(pluginId => clients.get(pluginId)!.destroy()),
      );
    },
  };
}
