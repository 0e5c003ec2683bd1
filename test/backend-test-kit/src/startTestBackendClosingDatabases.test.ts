import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { startTestBackendClosingDatabases } from './startTestBackendClosingDatabases';

describe('startTestBackendClosingDatabases', () => {
  it('closes the database the plugin used when the backend stops', async () => {
    let used: Knex | undefined;
    const plugin = createBackendPlugin({
      pluginId: 'notes',
      register(env) {
        env.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            used = await database.getClient();
            await used.schema.createTable('notes', t => t.string('text'));
          },
        });
      },
    });
    const backend = await startTestBackendClosingDatabases({
      features: [plugin],
      databasePlugins: ['notes'],
    });
    await expect(used!('notes').count({ n: '*' })).resolves.toEqual([{ n: 0 }]);

    await backend.stop();

    // A destroyed knex has no pool left to keep a timer running.
    expect((used!.client as { pool?: unknown }).pool).toBeUndefined();
    await expect(used!('notes').count({ n: '*' })).rejects.toThrow();
  });

  it('leaves a lingering plugin its database, without the timer holding the process', async () => {
    let used: Knex | undefined;
    const plugin = createBackendPlugin({
      pluginId: 'poller',
      register(env) {
        env.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            used = await database.getClient();
            await used.raw('select 1');
          },
        });
      },
    });
    const backend = await startTestBackendClosingDatabases({
      features: [plugin],
      lingeringDatabasePlugins: ['poller'],
    });
    const pool = used!.client.pool as {
      interval: ReturnType<typeof setInterval>;
    };
    expect(pool.interval.hasRef()).toBe(true);

    await backend.stop();

    expect(pool.interval.hasRef()).toBe(false);
    await expect(used!.raw('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    await used!.destroy();
  });
});
