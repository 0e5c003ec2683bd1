import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { coverageReadPermission } from '@internal/backstage-plugin-runtime-stack-common';
import Router from 'express-promise-router';
import { authorizeRequest } from '../auth/authorizeRequest';
import { fetchEntity } from '../catalog/fetchEntity';
import type { CoverageService } from './CoverageService';

/**
 * `GET /entities/:kind/:namespace/:name/coverage`: the service's coverage of
 * the layer model under its requirement profile, with evidence and gaps.
 * `GET /systems/:namespace/:name/coverage`: its System's components, added up.
 */
export function createCoverageRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  coverage: CoverageService;
}) {
  const { httpAuth, permissions, catalog, coverage } = options;
  const router = Router();
  router.get('/entities/:kind/:namespace/:name/coverage', async (req, res) => {
    const credentials = await authorizeRequest(
      req,
      { httpAuth, permissions },
      coverageReadPermission,
      'Reading coverage is not allowed for you',
    );
    const entity = await fetchEntity(catalog, req.params, credentials);
    res.json(await coverage.entityCoverage(entity, credentials));
  });
  router.get('/systems/:namespace/:name/coverage', async (req, res) => {
    const credentials = await authorizeRequest(
      req,
      { httpAuth, permissions },
      coverageReadPermission,
      'Reading coverage is not allowed for you',
    );
    const system = await fetchEntity(
      catalog,
      { ...req.params, kind: 'system' },
      credentials,
    );
    res.json(await coverage.systemCoverage(system, credentials));
  });
  return router;
}
