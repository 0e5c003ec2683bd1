import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { clusterStateReadPermission } from '@internal/backstage-plugin-runtime-stack-common';
import type { Request } from 'express';
import Router from 'express-promise-router';
import { authorizeRequest } from '../auth/authorizeRequest';
import { fetchEntity } from '../catalog/fetchEntity';
import type { ClusterStateService } from './ClusterStateService';
import { visibleClusters } from './visibleClusters';

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

  const authorizeRead = (req: Request) =>
    authorizeRequest(
      req,
      { httpAuth, permissions },
      clusterStateReadPermission,
      'Reading cluster state is not allowed for you',
    );

  router.get('/clusters', async (req, res) => {
    const credentials = await authorizeRead(req);
    const clusters = await clusterState.clusters();
    res.json({ items: await visibleClusters(clusters, catalog, credentials) });
  });

  router.get('/entities/:kind/:namespace/:name/clusters', async (req, res) => {
    const credentials = await authorizeRead(req);
    const entity = await fetchEntity(catalog, req.params, credentials);
    res.json(await clusterState.entityClusters(entity));
  });

  return router;
}
