import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import express from 'express';
import request from 'supertest';
import { migrateToLatest } from '../database/migrations';
import type { CoverageService } from '../layerCoverage/CoverageService';
import { createScorecardRouter } from './createScorecardRouter';
import { ExemptionStore } from './ExemptionStore';
import { ScorecardStore } from './ScorecardStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('exemption changes whose re-evaluation fails', () => {
  it('still answer with the change made, and log that the next evaluation will show it', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const logger = mockServices.logger.mock();
    const exemptions = new ExemptionStore(knex);
    const reevaluate = jest
      .fn()
      .mockRejectedValue(new Error('catalog unavailable'));
    const router = createScorecardRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock({
        createEvent: async () => ({
          success: async () => {},
          fail: async () => {},
        }),
      }),
      auth: mockServices.auth(),
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'pay-api', namespace: 'default' },
            spec: { type: 'service', lifecycle: 'production', owner: 'x' },
          },
        ],
      }),
      layerModel: defaultLayerModel,
      scorecards: new ScorecardStore(knex),
      exemptions,
      coverage: { reevaluate } as unknown as CoverageService,
      logger,
    });
    const app = express().use(router).use(mockErrorHandler());
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
