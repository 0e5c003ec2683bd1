import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  ClusterSummary,
  EntityClusters,
  EntityCoverage,
  EntityImages,
  EntityObservability,
  LayerModel,
  RuntimeLayer,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { EntityName, RuntimeStackApi } from './RuntimeStackApi';

/**
 * The runtime-stack backend over HTTP, authenticated through the app's fetch.
 *
 * @public
 */
export class RuntimeStackClient implements RuntimeStackApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getLayerModel(): Promise<LayerModel> {
    return this.get<LayerModel>('/layers');
  }

  getLayer(layerId: number): Promise<RuntimeLayer> {
    return this.get<RuntimeLayer>(
      `/layers/${encodeURIComponent(String(layerId))}`,
    );
  }

  async getClusters(): Promise<ClusterSummary[]> {
    const { items } = await this.get<{ items: ClusterSummary[] }>('/clusters');
    return items;
  }

  getEntityClusters(entity: EntityName): Promise<EntityClusters> {
    return this.get<EntityClusters>(entityPath(entity, 'clusters'));
  }

  getEntityImages(entity: EntityName): Promise<EntityImages> {
    return this.get<EntityImages>(entityPath(entity, 'images'));
  }

  getEntityObservability(entity: EntityName): Promise<EntityObservability> {
    return this.get<EntityObservability>(entityPath(entity, 'observability'));
  }

  getEntityCoverage(entity: EntityName): Promise<EntityCoverage> {
    return this.get<EntityCoverage>(entityPath(entity, 'coverage'));
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('runtime-stack');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `/entities/:kind/:namespace/:name/:view`, as the backend routes them. */
function entityPath(entity: EntityName, view: string): string {
  const { kind, namespace = 'default', name } = entity;
  return `/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}/${view}`;
}
