import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { migrateToLatest } from '../database/migrations';
import { payApiScorecardApp } from '../__testUtils__/payApiScorecardApp';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('exemption changes whose re-evaluation fails', () => {
  it('still answer with the change made, and log that the next evaluation will show it', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const logger = mockServices.logger.mock();
    const reevaluate = jest
      .fn()
      .mockRejectedValue(new Error('catalog unavailable'));
    const { app, exemptions } = payApiScorecardApp(knex, {
      reevaluate,
      logger,
    });
    const user = mockCredentials.user.header();

    const created = await request(app)
      .post('/exemptions')
      .set('Authorization', user)
      .send({
        scope: { kind: 'component', ref: 'pay-api' },
        capability: 'data-protection',
        reason: 'stateless',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
    expect(created.status).toBe(201);
    expect(await exemptions.list()).toHaveLength(1);

    const revoked = await request(app)
      .delete(`/exemptions/${created.body.id}`)
      .set('Authorization', user);
    expect(revoked.status).toBe(204);
    expect(await exemptions.list()).toHaveLength(0);

    expect(reevaluate).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Could not evaluate component:default\/pay-api again .*catalog unavailable/,
      ),
    );
  });
});
