import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ClusterSummary } from '@internal/backstage-plugin-runtime-stack-common';
import type { ClusterDirectory } from './ClusterDirectory';

/**
 * The clusters the caller may see: a cluster the catalog declares only to
 * those who can see its Resource there, as the catalog's own permission
 * policy decides; configured clusters to everyone who may read cluster
 * state. A service's own clusters are not narrowed: whoever sees the
 * service sees where it runs.
 */
export async function visibleClusters<
  T extends Pick<ClusterSummary, 'entityRef'>,
>(
  clusters: T[],
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<T[]> {
  const refs = clusters.flatMap(cluster =>
    cluster.entityRef ? [cluster.entityRef] : [],
  );
  if (refs.length === 0) return clusters;
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: refs,
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  );
  const visible = new Set(refs.filter((_, i) => items[i]));
  return clusters.filter(
    cluster => !cluster.entityRef || visible.has(cluster.entityRef),
  );
}

/**
 * Throws `NotFoundError` unless the caller may see the cluster: one they may
 * not see is answered as one that does not exist. Asks the directory, not
 * the store: whoever goes on to read the cluster's state reads it once.
 */
export async function assertClusterVisible(
  name: string,
  clusters: Pick<ClusterDirectory, 'list'>,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<void> {
  const [visible] = await visibleClusters(
    clusters.list().filter(c => c.name === name),
    catalog,
    credentials,
  );
  if (!visible) {
    throw new NotFoundError(`No cluster named '${name}'`);
  }
}
