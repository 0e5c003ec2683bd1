import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import express from 'express';
import type { Knex } from 'knex';
import type { CoverageService } from '../layerCoverage/CoverageService';
import { createScorecardRouter } from '../scorecards/createScorecardRouter';
import { ExemptionStore } from '../scorecards/ExemptionStore';
import { ScorecardStore } from '../scorecards/ScorecardStore';

/**
 * The scorecard and exemption routes on a migrated database, with a catalog
 * of one service, `pay-api`, that everyone may see and change.
 */
export function payApiScorecardApp(
  knex: Knex,
  {
    reevaluate = async () => {},
    logger = mockServices.logger.mock(),
  }: {
    reevaluate?: CoverageService['reevaluate'];
    logger?: LoggerService;
  } = {},
) {
  const exemptions = new ExemptionStore(knex);
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
  return { app: express().use(router).use(mockErrorHandler()), exemptions };
}
