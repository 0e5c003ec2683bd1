import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { imagesReadPermission } from '@internal/backstage-plugin-runtime-stack-common';
import Router from 'express-promise-router';
import { authorizeRequest } from '../auth/authorizeRequest';
import { fetchEntity } from '../catalog/fetchEntity';
import type { ImageService } from './ImageService';

/**
 * `GET /entities/:kind/:namespace/:name/images`: the images a service runs
 * and declares, what their registries hold, and the drift, from the stores.
 */
export function createImageRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  images: ImageService;
}) {
  const { httpAuth, permissions, catalog, images } = options;
  const router = Router();
  router.get('/entities/:kind/:namespace/:name/images', async (req, res) => {
    const credentials = await authorizeRequest(
      req,
      { httpAuth, permissions },
      imagesReadPermission,
      'Reading images is not allowed for you',
    );
    const entity = await fetchEntity(catalog, req.params, credentials);
    res.json(await images.entityImages(entity));
  });
  return router;
}
