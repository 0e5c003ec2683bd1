import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { chunksOf } from '../database/chunksOf';

/** Refs per catalog request; the catalog reads them in one query each. */
const REFS_PER_REQUEST = 500;

/**
 * The refs among these whose entities the caller may see in the catalog,
 * so a list built from our own tables shows no service the catalog's
 * permissions hide from them.
 */
export async function visibleEntityRefs(
  catalog: CatalogService,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  const visible = new Set<string>();
  for (const refs of chunksOf(entityRefs, REFS_PER_REQUEST)) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind'] },
      { credentials },
    );
    refs.forEach((ref, i) => {
      if (items[i]) visible.add(ref);
    });
  }
  return visible;
}
