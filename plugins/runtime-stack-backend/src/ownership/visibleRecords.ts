import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { OwnershipScope } from '@internal/backstage-plugin-runtime-stack-common';
import { visibleEntityRefs } from '../catalog/visibleEntityRefs';

/** Scopes that are catalog entities; clusters and environments are names. */
const ENTITY_SCOPES = new Set<OwnershipScope['kind']>(['system', 'component']);

/**
 * Whose view of the catalog decides what a caller is shown: the caller's,
 * and the backend's own, which tells an entity hidden from the caller from
 * one the catalog lacks.
 */
export interface VisibilityCredentials {
  caller: BackstageCredentials;
  service: BackstageCredentials;
}

/**
 * The items whose scope the caller may see: a record or change about a
 * System or component the catalog hides from them goes, as in the
 * scorecards, so its note, link and owners are not read around the
 * catalog's permissions. A scope the catalog lacks altogether (a service
 * the template is still creating, or one deleted) hides nothing.
 */
export async function withVisibleScopes<T>(
  catalog: CatalogService,
  items: T[],
  scopesOf: (item: T) => OwnershipScope[],
  credentials: VisibilityCredentials,
): Promise<T[]> {
  const entityScopes = (item: T) =>
    scopesOf(item).filter(scope => ENTITY_SCOPES.has(scope.kind));
  const refs = [
    ...new Set(items.flatMap(i => entityScopes(i).map(s => s.ref))),
  ];
  if (refs.length === 0) return items;
  const visible = await visibleEntityRefs(catalog, refs, credentials.caller);
  const unseen = refs.filter(ref => !visible.has(ref));
  if (unseen.length === 0) return items;
  const hidden = await visibleEntityRefs(catalog, unseen, credentials.service);
  return items.filter(i => entityScopes(i).every(s => !hidden.has(s.ref)));
}
