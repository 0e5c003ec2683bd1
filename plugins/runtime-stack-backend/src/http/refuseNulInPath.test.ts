import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { runtimeStackPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'a NUL character in the path, on %s',
  databaseId => {
    it('is not found on any route, before a query PostgreSQL would refuse', async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          runtimeStackPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: [] }),
        ],
      });
      try {
        const user = mockCredentials.user.header();
        for (const [method, path] of [
          ['get', '/ownership/abc%00'],
          ['get', '/ownership/abc%00/history'],
          ['put', '/ownership/abc%00'],
          ['delete', '/ownership/abc%00'],
          ['delete', '/exemptions/abc%00'],
          ['get', '/scorecards/teams/default/a%00b'],
          ['get', '/entities/component/default/a%00b/coverage'],
        ] as const) {
          const res = await request(backend.server)
            [method](`/api/runtime-stack${path}`)
            .set('Authorization', user)
            .send({});
          expect({ method, path, status: res.status }).toEqual({
            method,
            path,
            status: 404,
          });
          expect(res.body.error.message).toMatch(/NUL character/);
        }
        // Only the NUL: the same routes answer other names as before.
        const plain = await request(backend.server)
          .get('/api/runtime-stack/ownership/abc')
          .set('Authorization', user);
        expect(plain.status).toBe(404);
        expect(plain.body.error.message).not.toMatch(/NUL/);
      } finally {
        await backend.stop();
      }
    });
  },
);
