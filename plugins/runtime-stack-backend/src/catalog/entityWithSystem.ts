import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';

export interface EntityWithSystem {
  entity: Entity;
  entityRef: string;
  /** The System, where the credentials it was read with may see it. */
  system?: Entity;
  /**
   * What `spec.system` names, whether `system` could be read or not: the
   * catalog may lack that System or hide it from the caller, so what is
   * stored for it is not the caller's to see on this ref alone.
   */
  systemRef?: string;
}

/**
 * An entity and the System it is part of, read with the caller's
 * credentials so catalog permissions apply.
 */
export async function fetchEntityWithSystem(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<EntityWithSystem> {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
  }
  return withSystem(catalog, entity, credentials);
}

/** An entity, in the catalog or about to be, and the System it names. */
export async function withSystem(
  catalog: CatalogService,
  entity: Entity,
  credentials: BackstageCredentials,
): Promise<EntityWithSystem> {
  const systemRef = systemRefOf(entity);
  const system = systemRef
    ? await catalog.getEntityByRef(systemRef, { credentials })
    : undefined;
  return { entity, entityRef: stringifyEntityRef(entity), system, systemRef };
}

/** The full ref of the System an entity names in `spec.system`. */
export function systemRefOf(entity: Entity): string | undefined {
  return typeof entity.spec?.system === 'string'
    ? stringifyEntityRef(
        parseEntityRef(entity.spec.system, {
          defaultKind: 'system',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      )
    : undefined;
}
