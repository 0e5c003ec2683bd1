import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The entity a `/entities/:kind/:namespace/:name/…` route names, read with
 * the caller's credentials so the catalog's own permissions apply; 404 when
 * the catalog does not have it (or will not show it).
 */
export async function fetchEntity(
  catalog: CatalogService,
  params: { kind: string; namespace: string; name: string },
  credentials: BackstageCredentials,
): Promise<Entity> {
  const entityRef = stringifyEntityRef(params);
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
  }
  return entity;
}
