import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { clusterStateReadPermission } from '@internal/backstage-plugin-runtime-stack-common';
import type { Request } from 'express';
import Router from 'express-promise-router';
import type { ClusterStateService } from './ClusterStateService';

/**
 * `GET /clusters`: every configured cluster, how fresh its data is and the
 * platform detected on it. `GET /entities/:kind/:namespace/:name/clusters`:
 * what each cluster runs of one service, from the store.
 */
export function createClusterRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  clusterState: ClusterStateService;
}) {
  const { httpAuth, permissions, catalog, clusterState } = options;
  const router = Router();

  async function authorizeRead(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: clusterStateReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Reading cluster state is not allowed for you');
    }
    return credentials;
  }

  router.get('/clusters', async (req, res) => {
    await authorizeRead(req);
    res.json({ items: await clusterState.clusters() });
  });

  router.get('/entities/:kind/:namespace/:name/clusters', async (req, res) => {
    const credentials = await authorizeRead(req);
    const entityRef = stringifyEntityRef({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    });
    // The catalog applies its own read permission to these credentials.
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    }
    res.json(await clusterState.entityClusters(entity));
  });

  return router;
}
