import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import Router from 'express-promise-router';
import { fetchEntityWithSystem } from '../catalog/entityWithSystem';
import { declaredStackOf } from './declaredStackOf';

/**
 * `GET /entities/:kind/:namespace/:name/declared-stack`: what a service
 * declares through its annotations and its System's, with the problems found
 * (unknown capabilities or tools, malformed values).
 */
export function createDeclaredStackRouter(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  layerModel: LayerModel;
}) {
  const { httpAuth, catalog, layerModel } = options;
  const router = Router();
  router.get(
    '/entities/:kind/:namespace/:name/declared-stack',
    async (req, res) => {
      // The catalog applies its own read permission to these credentials.
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const context = await fetchEntityWithSystem(
        catalog,
        stringifyEntityRef({
          kind: req.params.kind,
          namespace: req.params.namespace,
          name: req.params.name,
        }),
        credentials,
      );
      res.json({
        entityRef: context.entityRef,
        ...(context.systemRef ? { systemRef: context.systemRef } : {}),
        ...declaredStackOf(context, layerModel),
      });
    },
  );
  return router;
}
