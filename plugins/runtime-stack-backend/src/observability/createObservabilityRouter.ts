import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { observabilityReadPermission } from '@internal/backstage-plugin-runtime-stack-common';
import Router from 'express-promise-router';
import { authorizeRequest } from '../auth/authorizeRequest';
import { fetchEntity } from '../catalog/fetchEntity';
import type { ObservabilityService } from './ObservabilityService';

/**
 * `GET /entities/:kind/:namespace/:name/observability`: the alerts, rules,
 * scrape targets, dashboards and links of a service.
 */
export function createObservabilityRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  observability: ObservabilityService;
}) {
  const { httpAuth, permissions, catalog, observability } = options;
  const router = Router();
  router.get(
    '/entities/:kind/:namespace/:name/observability',
    async (req, res) => {
      const credentials = await authorizeRequest(
        req,
        { httpAuth, permissions },
        observabilityReadPermission,
        'Reading observability data is not allowed for you',
      );
      const entity = await fetchEntity(catalog, req.params, credentials);
      res.json(await observability.entityObservability(entity));
    },
  );
  return router;
}
